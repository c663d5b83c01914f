using System.Buffers.Text;
using System.Security.Claims;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace AsfQuart.Benchmarks;

/// <summary>
/// Decrypting and parsing a session cookie, against the floor (Data Protection <c>Unprotect</c> of
/// the same bytes) and against ASP.NET Core's cookie ticket for the same identity as claims.
/// </summary>
public class CookieReadBenchmarks
{
    private BenchmarkApp _app = null!;
    private SessionCookieProtector _cookieProtector = null!;
    private IDataProtector _dataProtector = null!;
    private ISecureDataFormat<AuthenticationTicket> _ticketFormat = null!;
    private string _cookieValue = null!;
    private byte[] _protectedBytes = null!;
    private string _ticketValue = null!;
    private byte[] _json = null!;

    [Params("small", "200 projects")]
    public string Identity { get; set; } = "small";

    [GlobalSetup]
    public void Setup()
    {
        _app = new BenchmarkApp();
        _cookieProtector = _app.SessionCookieProtector;
        _dataProtector = _app.SessionDataProtector;
        _ticketFormat = _app.TicketDataFormat;

        var session = Identity == "small" ? BenchmarkIdentity.Small : BenchmarkIdentity.Large;
        var now = TimeProvider.System.GetUtcNow();
        _cookieValue = _cookieProtector.Protect(session with { CreatedAt = now, LastAccessedAt = now }, now);
        _protectedBytes = Base64Url.DecodeFromChars(_cookieValue);
        _json = _dataProtector.Unprotect(_protectedBytes);

        var principal = new ClaimsPrincipal(BenchmarkIdentity.ToClaimsIdentity(session, CookieAuthenticationDefaults.AuthenticationScheme));
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddDays(14) };
        _ticketValue = _ticketFormat.Protect(new AuthenticationTicket(principal, properties, CookieAuthenticationDefaults.AuthenticationScheme));

        if (!_cookieProtector.TryUnprotect(_cookieValue, out var read) || read.Session.Projects.Length != session.Projects.Length)
        {
            throw new InvalidOperationException("The session cookie did not decrypt to the session it was made from.");
        }

        Console.WriteLine($"// {Identity}: JSON payload {_json.Length} bytes, AsfQuart cookie {_cookieValue.Length} chars, ASP.NET Core ticket {_ticketValue.Length} chars");
    }

    [GlobalCleanup]
    public void Cleanup() => _app.Dispose();

    [Benchmark(Baseline = true, Description = "Data Protection Unprotect (floor)")]
    public byte[] DataProtectionUnprotect() => _dataProtector.Unprotect(_protectedBytes);

    [Benchmark(Description = "Base64Url decode + Unprotect")]
    public byte[] DecodeAndUnprotect() => _dataProtector.Unprotect(Base64Url.DecodeFromChars(_cookieValue));

    // The minimum cost of any parse into a session: every token read and every string value created.
    [Benchmark(Description = "Utf8JsonReader pass, string values created")]
    public int ReadPayloadStrings()
    {
        var reader = new Utf8JsonReader(_json);
        var length = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                length += reader.GetString()!.Length;
            }
        }

        return length;
    }

    [Benchmark(Description = "JSON parse of the decrypted payload only")]
    public object? ParsePayload() => JsonSerializer.Deserialize(_json, SessionCookieJsonContext.Default.SessionCookiePayload);

    [Benchmark(Description = "AsfQuart TryUnprotect (decrypt + parse)")]
    public Session? AsfQuartTryUnprotect() => _cookieProtector.TryUnprotect(_cookieValue, out var cookieSession) ? cookieSession.Session : null;

    [Benchmark(Description = "ASP.NET Core TicketDataFormat.Unprotect")]
    public AuthenticationTicket? AspNetCoreTicketUnprotect() => _ticketFormat.Unprotect(_ticketValue);
}
