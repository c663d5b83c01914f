using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace AsfQuart.Benchmarks;

/// <summary>
/// Writing a session cookie when the response starts (encrypt, then append the cookie or its chunks),
/// against ASP.NET Core's ticket protect and chunking cookie manager for the same identity as claims.
/// </summary>
public class CookieWriteBenchmarks
{
    private BenchmarkApp _app = null!;
    private SessionCookieWriter _writer = null!;
    private ISecureDataFormat<AuthenticationTicket> _ticketFormat = null!;
    private ChunkingCookieManager _chunkingCookieManager = null!;
    private CookieOptions _aspNetCoreCookieOptions = null!;
    private Session _session = null!;
    private AuthenticationTicket _ticket = null!;
    private DateTimeOffset _now;

    [Params("small", "200 projects")]
    public string Identity { get; set; } = "small";

    [GlobalSetup]
    public async Task Setup()
    {
        _app = new BenchmarkApp();
        _writer = (SessionCookieWriter)_app.Services.GetService(typeof(SessionCookieWriter))!;
        _ticketFormat = _app.TicketDataFormat;
        _chunkingCookieManager = new ChunkingCookieManager();
        _aspNetCoreCookieOptions = new CookieOptions { HttpOnly = true, Path = "/", SameSite = SameSiteMode.Lax, IsEssential = true };

        _now = TimeProvider.System.GetUtcNow();
        var identity = Identity == "small" ? BenchmarkIdentity.Small : BenchmarkIdentity.Large;
        _session = identity with { CreatedAt = _now, LastAccessedAt = _now, Source = SessionSource.Cookie };

        var principal = new ClaimsPrincipal(BenchmarkIdentity.ToClaimsIdentity(identity, CookieAuthenticationDefaults.AuthenticationScheme));
        _ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = _now, ExpiresUtc = _now.AddDays(14) }, CookieAuthenticationDefaults.AuthenticationScheme);

        var context = await AsfQuartWrite().ConfigureAwait(false);
        var setCookies = context.Response.Headers.SetCookie.Count;
        if (setCookies == 0)
        {
            throw new InvalidOperationException("The session cookie write set no cookie.");
        }

        Console.WriteLine($"// {Identity}: AsfQuart writes {setCookies} Set-Cookie headers");
    }

    [GlobalCleanup]
    public void Cleanup() => _app.Dispose();

    [Benchmark(Baseline = true, Description = "request context only")]
    public Task<HttpContext> ContextOnly()
    {
        var response = new BenchmarkResponseFeature();
        HttpContext context = BenchmarkApp.CreateContext(response);
        return Task.FromResult(context);
    }

    [Benchmark(Description = "AsfQuart cookie write (Protect + chunked write)")]
    public async Task<HttpContext> AsfQuartWrite()
    {
        var response = new BenchmarkResponseFeature();
        var context = BenchmarkApp.CreateContext(response);
        context.RequestServices = _app.Services;
        var feature = new SessionFeature();
        context.Features.Set(feature);

        _writer.ScheduleWrite(context, feature, _session, _now, protectedValue: null);
        await response.StartAsync().ConfigureAwait(false);
        return context;
    }

    [Benchmark(Description = "ASP.NET Core ticket Protect + ChunkingCookieManager")]
    public Task<HttpContext> AspNetCoreWrite()
    {
        var response = new BenchmarkResponseFeature();
        HttpContext context = BenchmarkApp.CreateContext(response);
        var value = _ticketFormat.Protect(_ticket);
        _chunkingCookieManager.AppendResponseCookie(context, ".AspNetCore.Cookies", value, _aspNetCoreCookieOptions);
        return Task.FromResult(context);
    }
}
