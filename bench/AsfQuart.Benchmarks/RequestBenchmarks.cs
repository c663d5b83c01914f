using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace AsfQuart.Benchmarks;

/// <summary>
/// Whole requests on a <see cref="DefaultHttpContext"/>: a request scope, the pipeline, an empty
/// endpoint and the response start, for every way of protecting an endpoint that the load test compares.
/// </summary>
public class RequestBenchmarks
{
    private const string PersonalAccessToken = "pat-bench-3b1f9c0e7d2a4c55";

    private BenchmarkApp _trivialTokens = null!;
    private BenchmarkApp _jwtTokens = null!;
    private BenchmarkApp _cachedJwtTokens = null!;
    private string _readOnlyCookie = null!;
    private string _refreshCookie = null!;
    private string _aspNetCoreCookie = null!;
    private string _personalAccessToken = null!;
    private string _jwt = null!;
    private string _jwtForCache = null!;

    [Params("small", "200 projects")]
    public string Identity { get; set; } = "small";

    [GlobalSetup]
    public async Task Setup()
    {
        var session = Identity == "small" ? BenchmarkIdentity.Small : BenchmarkIdentity.Large;

        var tokens = new Dictionary<string, Session>(StringComparer.Ordinal) { [PersonalAccessToken] = session };
        _trivialTokens = new BenchmarkApp((token, _) => ValueTask.FromResult(tokens.GetValueOrDefault(token)));

        JwtSessionHandler? jwtHandler = null;
        _jwtTokens = new BenchmarkApp((token, cancellationToken) => jwtHandler!.AuthenticateAsync(token, cancellationToken));
        jwtHandler = new JwtSessionHandler(_jwtTokens.Jwt.ValidationParameters);

        JwtSessionHandler? cachedJwtHandler = null;
        _cachedJwtTokens = new BenchmarkApp((token, cancellationToken) => cachedJwtHandler!.AuthenticateCachedAsync(token, cancellationToken));
        cachedJwtHandler = new JwtSessionHandler(_cachedJwtTokens.Jwt.ValidationParameters, _cachedJwtTokens.Services.GetRequiredService<IMemoryCache>());

        _readOnlyCookie = _trivialTokens.CreateSessionCookieHeader(session, TimeSpan.FromMinutes(1));
        _refreshCookie = _trivialTokens.CreateSessionCookieHeader(session, TimeSpan.FromMinutes(10));
        _aspNetCoreCookie = _trivialTokens.CreateAspNetCoreCookieHeader(session);
        _personalAccessToken = "Bearer " + PersonalAccessToken;
        _jwt = "Bearer " + _jwtTokens.Jwt.CreateToken(session);
        _jwtForCache = "Bearer " + _cachedJwtTokens.Jwt.CreateToken(session);

        await ExpectAsync(Unprotected(), setsCookie: false).ConfigureAwait(false);
        await ExpectAsync(UnprotectedCookieRead(), setsCookie: false).ConfigureAwait(false);
        await ExpectAsync(AsfQuartCookieReadOnly(), setsCookie: false).ConfigureAwait(false);
        await ExpectAsync(AsfQuartCookieRefresh(), setsCookie: true).ConfigureAwait(false);
        // ASP.NET Core's cookie handler registers a response start callback on every request, so it is not held to that.
        await ExpectAsync(AspNetCoreCookie(), setsCookie: false, allowStartCallbacks: true).ConfigureAwait(false);
        await ExpectAsync(AsfQuartBearerTrivialHandler(), setsCookie: false).ConfigureAwait(false);
        await ExpectAsync(AsfQuartJwt(), setsCookie: false).ConfigureAwait(false);
        await ExpectAsync(AsfQuartJwtCached(), setsCookie: false).ConfigureAwait(false);
        await ExpectAsync(AspNetCoreJwtBearer(), setsCookie: false).ConfigureAwait(false);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _trivialTokens.Dispose();
        _jwtTokens.Dispose();
        _cachedJwtTokens.Dispose();
    }

    [Benchmark(Baseline = true, Description = "unprotected")]
    public Task<HttpContext> Unprotected() => _trivialTokens.SendAsync(_trivialTokens.Unprotected);

    [Benchmark(Description = "unprotected, Cookie header read")]
    public Task<HttpContext> UnprotectedCookieRead() => _trivialTokens.SendAsync(_trivialTokens.UnprotectedCookieRead, cookie: _readOnlyCookie);

    [Benchmark(Description = "AsfQuart cookie, read-only (inside refresh interval)")]
    public Task<HttpContext> AsfQuartCookieReadOnly() => _trivialTokens.SendAsync(_trivialTokens.AsfQuartSession, cookie: _readOnlyCookie);

    [Benchmark(Description = "AsfQuart cookie, refreshed (cookie written)")]
    public Task<HttpContext> AsfQuartCookieRefresh() => _trivialTokens.SendAsync(_trivialTokens.AsfQuartSession, cookie: _refreshCookie);

    [Benchmark(Description = "ASP.NET Core cookie + RequireAuthorization")]
    public Task<HttpContext> AspNetCoreCookie() => _trivialTokens.SendAsync(_trivialTokens.AspNetCoreCookie, cookie: _aspNetCoreCookie);

    [Benchmark(Description = "AsfQuart PAT, dictionary handler")]
    public Task<HttpContext> AsfQuartBearerTrivialHandler() => _trivialTokens.SendAsync(_trivialTokens.AsfQuartSession, authorization: _personalAccessToken);

    [Benchmark(Description = "AsfQuart JWT PAT, validated every request")]
    public Task<HttpContext> AsfQuartJwt() => _jwtTokens.SendAsync(_jwtTokens.AsfQuartSession, authorization: _jwt);

    [Benchmark(Description = "AsfQuart JWT PAT, cached")]
    public Task<HttpContext> AsfQuartJwtCached() => _cachedJwtTokens.SendAsync(_cachedJwtTokens.AsfQuartSession, authorization: _jwtForCache);

    [Benchmark(Description = "ASP.NET Core JwtBearer + RequireAuthorization")]
    public Task<HttpContext> AspNetCoreJwtBearer() => _jwtTokens.SendAsync(_jwtTokens.AspNetCoreJwtBearer, authorization: _jwt);

    private static async Task ExpectAsync(Task<HttpContext> request, bool setsCookie, bool allowStartCallbacks = false)
    {
        var context = await request.ConfigureAwait(false);
        if (context.Response.StatusCode != StatusCodes.Status200OK)
        {
            throw new InvalidOperationException($"A benchmark request got {context.Response.StatusCode}, not 200: {context.GetEndpoint()?.DisplayName}");
        }

        // A request that sets no cookie must not even register the cookie write, so that path allocates nothing.
        var startCallbacks = ((BenchmarkResponseFeature)context.Features.Get<IHttpResponseFeature>()!).OnStartingCount;
        if (!setsCookie && !allowStartCallbacks && startCallbacks > 0)
        {
            throw new InvalidOperationException($"A request to {context.GetEndpoint()?.DisplayName} that sets no cookie registered {startCallbacks} response start callbacks.");
        }

        var cookieSet = context.Response.Headers.SetCookie.Count > 0;
        if (cookieSet != setsCookie)
        {
            var expected = setsCookie ? "a Set-Cookie header" : "no Set-Cookie header";
            throw new InvalidOperationException($"A benchmark request to {context.GetEndpoint()?.DisplayName} was expected to get {expected}.");
        }
    }
}
