using System.Text;
using System.Text.Json;

namespace AsfQuart.Fuzz;

/// <summary>The targets for the OAuth endpoint: the login and logout redirect validator and the reading of provider responses.</summary>
internal static partial class FuzzTargets
{
    // Any origin works: a target that resolves against it to another host or scheme leaves the site.
    private static readonly Uri Origin = new("https://app.example/base/page");

    // More rounds than LocalRedirectTarget decodes, so a target that changes again after its last round is caught.
    private const int MaxDecodeRounds = 8;

    /// <summary>
    /// Reads the input as a <c>?login=</c> or <c>?logout=</c> value, as UTF-8 (what ASP.NET Core decodes
    /// a query to) and as Latin-1 (so every control character occurs), and checks every accepted target
    /// with <see cref="CheckLocalRedirect"/>.
    /// </summary>
    public static void Redirect(ReadOnlySpan<byte> input)
    {
        CheckLocalRedirect(Encoding.UTF8.GetString(input));
        CheckLocalRedirect(Encoding.Latin1.GetString(input));
    }

    /// <summary>
    /// Runs <see cref="LocalRedirectTarget.IsLocal"/> on <paramref name="target"/> and, when it accepts
    /// the target, checks that the target and every percent-decoding of it start with a single
    /// <c>/</c>, contain no backslash or control character, and resolve to the origin they came from.
    /// </summary>
    /// <exception cref="InvalidOperationException">The validator accepted a target that can leave the origin.</exception>
    public static void CheckLocalRedirect(string target)
    {
        if (!LocalRedirectTarget.IsLocal(target))
        {
            return;
        }

        var decoded = target;
        for (var round = 0; round <= MaxDecodeRounds; round++)
        {
            CheckLocalPath(target, decoded);

            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded)
            {
                return;
            }

            decoded = next;
        }

        throw new InvalidOperationException($"The accepted redirect target '{Escape(target)}' still changes after {MaxDecodeRounds} percent-decodings.");
    }

    /// <summary>
    /// Reads the input as the JSON body of a provider: the ASF provider's token response and the claims
    /// of an OpenID Connect <c>id_token</c>. Invalid JSON is the caller's 502, so only what parses is checked.
    /// </summary>
    public static void Provider(ReadOnlySpan<byte> input)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(input.ToArray());
        }
        catch (JsonException)
        {
            return;
        }

        using (document)
        {
            CheckReader(() => AsfOAuthProvider.ReadSession(document.RootElement));
            CheckReader(() => OpenIdConnectClaimMapper.Map(document.RootElement, new OpenIdConnectClaimMap()));
            CheckReader(() => OpenIdConnectClaimMapper.Map(document.RootElement, CreateFullClaimMap()));
        }
    }

    // System.Text.Json parses a string with invalid UTF-8 or an escaped lone surrogate such as "\ud800"
    // but throws InvalidOperationException when it is read. The login flow turns every exception of a
    // provider call into 502 (OAuthLoginFlow.CallProviderAsync), so only that one exception may escape.
    private static void CheckReader(Func<OAuthLoginResult> read)
    {
        OAuthLoginResult result;
        try
        {
            result = read();
        }
        catch (InvalidOperationException exception) when (exception.TargetSite?.DeclaringType?.Namespace == "System.Text.Json")
        {
            return;
        }

        CheckLoginResult(result);
    }

    // Claim names of an OpenID Connect provider that sends every field, so each reader runs. Created per
    // call, not in a static field, because AsfQuart types must not run before AFL's shared memory exists.
    private static OpenIdConnectClaimMap CreateFullClaimMap() => new()
    {
        Dn = "dn",
        IsMember = "member",
        IsChair = "chair",
        IsRoot = "root",
        Committees = "pmcs",
        Projects = "projects",
    };

    private static void CheckLocalPath(string target, string path)
    {
        var startsWithOneSlash = path.Length > 0 && path[0] == '/' && (path.Length == 1 || path[1] is not ('/' or '\\'));
        if (!startsWithOneSlash || path.Any(character => character == '\\' || char.IsControl(character)))
        {
            throw new InvalidOperationException($"The accepted redirect target '{Escape(target)}' decodes to '{Escape(path)}', which is not a local path.");
        }

        if (!Uri.TryCreate(Origin, path, out var resolved) || resolved.Scheme != Origin.Scheme || resolved.Authority != Origin.Authority)
        {
            throw new InvalidOperationException($"The accepted redirect target '{Escape(target)}' decodes to '{Escape(path)}', which resolves to {resolved?.ToString() ?? "no URL"}.");
        }
    }

    private static void CheckLoginResult(OAuthLoginResult result)
    {
        if (result.Session is null)
        {
            if (result.StatusCode is not (403 or 502) || string.IsNullOrEmpty(result.Message))
            {
                throw new InvalidOperationException($"A failed login has status {result.StatusCode} and no message for the user.");
            }

            return;
        }

        if (string.IsNullOrEmpty(result.Session.Uid))
        {
            throw new InvalidOperationException("A provider response without a user id became a session.");
        }

        // The session is written to the cookie next, so it must survive being written and read.
        _ = Protectors.PassThrough.Protect(result.Session, DateTimeOffset.UnixEpoch);
        _ = result.Session.Scopes;
    }

    private static string Escape(string text) => JsonSerializer.Serialize(text);
}
