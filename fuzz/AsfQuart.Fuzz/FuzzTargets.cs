using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AsfQuart.Fuzz;

/// <summary>
/// The code under fuzzing, shared by the AFL harness, the in-process mutation run and the tests that
/// replay the committed corpus. A target throws only when the library breaks its contract: an
/// exception escapes it, or it accepts what it must reject.
/// </summary>
internal static partial class FuzzTargets
{
    public const string CookieName = "__Host-fuzz";

    public static readonly string[] Names = ["cookie", "payload", "authorization", "redirect", "provider"];

    /// <summary>Runs the target called <paramref name="name"/> on <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">No target has that name.</exception>
    public static void Run(string name, ReadOnlySpan<byte> input)
    {
        switch (name)
        {
            case "cookie":
                Cookie(input);
                break;

            case "payload":
                Payload(input);
                break;

            case "authorization":
                Authorization(input);
                break;

            case "redirect":
                Redirect(input);
                break;

            case "provider":
                Provider(input);
                break;

            default:
                throw new ArgumentException($"Unknown fuzz target '{name}'. Use one of: {string.Join(", ", Names)}.", nameof(name));
        }
    }

    /// <summary>
    /// Reads the input, one byte per character as Kestrel decodes Latin-1 header bytes, as a whole
    /// <c>Cookie</c> header: chunk assembly, then decryption under a key no input can know.
    /// </summary>
    public static void Cookie(ReadOnlySpan<byte> input)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = Encoding.Latin1.GetString(input);

        var value = ChunkedCookies.Read(context.Request.Cookies, CookieName);
        if (value is null)
        {
            return;
        }

        if (Protectors.Encrypting.TryUnprotect(value, out _))
        {
            throw new InvalidOperationException("A cookie that this process never issued was accepted.");
        }
    }

    /// <summary>
    /// Reads the input as the decrypted cookie JSON, through a protector that does not encrypt, so the
    /// fuzzer reaches the code that runs only after authentication succeeded.
    /// </summary>
    public static void Payload(ReadOnlySpan<byte> input)
    {
        if (!Protectors.PassThrough.TryUnprotect(Base64Url.EncodeToString(input), out var cookieSession))
        {
            return;
        }

        var session = cookieSession.Session;
        if (string.IsNullOrEmpty(session.Uid))
        {
            throw new InvalidOperationException("A session without a user id was accepted.");
        }

        // Every accepted session must survive being written again, or the next refresh would fail.
        _ = Protectors.PassThrough.Protect(session, cookieSession.ValidatedAt);
        _ = session.Scopes;
    }

    /// <summary>
    /// Reads the input, one byte per character, as an <c>Authorization</c> header value, and the same
    /// text as Basic credentials.
    /// </summary>
    public static void Authorization(ReadOnlySpan<byte> input)
    {
        var value = Encoding.Latin1.GetString(input);

        var scheme = AuthorizationHeader.Parse(value, out var credentials, out var error);
        if (scheme != AuthorizationScheme.Other && error is null)
        {
            if (credentials.Length == 0 || credentials.Any(character => character is < '!' or > '~'))
            {
                throw new InvalidOperationException("Credentials with a space, control or non-ASCII character were accepted.");
            }

            CheckBasic(credentials);
        }

        CheckBasic(value);
    }

    private static void CheckBasic(string encoded)
    {
        if (BasicCredentials.TryDecode(encoded, out var userId, out _, out var error))
        {
            if (userId.Length == 0 || userId.Contains(':', StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Basic credentials with an empty user id or a colon in it were accepted.");
            }
        }
        else if (error is null)
        {
            throw new InvalidOperationException("Basic credentials were rejected without a reason.");
        }
    }

    // Created on the first target call, not with the class: SharpFuzz's instrumentation of the library
    // writes to AFL's shared memory, which exists only once Fuzzer.OutOfProcess.Run has started.
    private static class Protectors
    {
        private static readonly IOptions<AsfQuartOptions> Options = Microsoft.Extensions.Options.Options.Create(new AsfQuartOptions { AppId = "fuzz" });

        public static readonly SessionCookieProtector Encrypting = new(new SessionDataProtection(new EphemeralDataProtectionProvider()), Options);

        public static readonly SessionCookieProtector PassThrough = new(new SessionDataProtection(new PassThroughDataProtectionProvider()), Options);
    }

    private sealed class PassThroughDataProtectionProvider : IDataProtectionProvider, IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) => this;

        public byte[] Protect(byte[] plaintext) => plaintext;

        public byte[] Unprotect(byte[] protectedData) => protectedData;
    }
}
