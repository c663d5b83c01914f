using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsfQuart.Benchmarks;

/// <summary>
/// A service container and four request pipelines as an application would build them, driven with
/// <see cref="DefaultHttpContext"/> instead of a server: no endpoint protection, AsfQuart's
/// <c>RequireAsfSession</c>, and ASP.NET Core authentication and authorization with the cookie and
/// JwtBearer schemes.
/// </summary>
internal sealed class BenchmarkApp : IDisposable
{
    public const string AppId = "bench";
    public const string CookiePolicy = "cookie";
    public const string JwtPolicy = "jwt";

    private readonly ServiceProvider _services;
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly RequestDelegate _endpointOnly;
    private readonly RequestDelegate _authenticationPipeline;

    public BenchmarkApp(Func<string, CancellationToken, ValueTask<Session?>>? tokenHandler = null)
    {
        Jwt = new BenchmarkJwt();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddRouting();
        services.AddMemoryCache(options => options.SizeLimit = 10_000);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAsfQuart(options =>
        {
            options.AppId = AppId;
            options.InMemoryKeys = true;
            options.TokenHandler = tokenHandler;
        });
        services.AddAuthentication()
            .AddCookie()
            .AddJwtBearer(options => options.TokenValidationParameters = Jwt.ValidationParameters);
        services.AddAuthorizationBuilder()
            .AddPolicy(CookiePolicy, policy => policy.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser())
            .AddPolicy(JwtPolicy, policy => policy.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser());

        _services = services.BuildServiceProvider();
        _scopeFactory = _services.GetRequiredService<IServiceScopeFactory>();

        Unprotected = CreateEndpoint("/plain", _ => { });
        var cookieName = SessionCookieName;
        UnprotectedCookieRead = CreateEndpoint("/plain/cookie", builder => builder.RequestDelegate = context =>
        {
            _ = context.Request.Cookies[cookieName];
            return Task.CompletedTask;
        });
        AsfQuartSession = CreateEndpoint("/asf", builder => SessionEndpointGuard.Apply(builder, new SessionRequirementMetadata([], [])));
        AspNetCoreCookie = CreateEndpoint("/aspnet/cookie", builder => builder.Metadata.Add(new AuthorizeAttribute(CookiePolicy)));
        AspNetCoreJwtBearer = CreateEndpoint("/aspnet/jwt", builder => builder.Metadata.Add(new AuthorizeAttribute(JwtPolicy)));

        var endpointOnly = new ApplicationBuilder(_services);
        endpointOnly.Run(RunEndpoint);
        _endpointOnly = endpointOnly.Build();

        var authenticationPipeline = new ApplicationBuilder(_services);
        authenticationPipeline.UseAuthentication();
        authenticationPipeline.UseAuthorization();
        authenticationPipeline.Run(RunEndpoint);
        _authenticationPipeline = authenticationPipeline.Build();
    }

    public BenchmarkJwt Jwt { get; }

    public IServiceProvider Services => _services;

    public Endpoint Unprotected { get; }

    /// <summary>Gets an unprotected endpoint that reads the AsfQuart cookie from the request, the cost of the Cookie header alone.</summary>
    public Endpoint UnprotectedCookieRead { get; }

    public Endpoint AsfQuartSession { get; }

    public Endpoint AspNetCoreCookie { get; }

    public Endpoint AspNetCoreJwtBearer { get; }

    public IDataProtector SessionDataProtector => _services.GetRequiredService<SessionDataProtection>().Provider
        .CreateProtector(SessionCookieProtector.Purpose, AppId);

    public SessionCookieProtector SessionCookieProtector => _services.GetRequiredService<SessionCookieProtector>();

    public string SessionCookieName => _services.GetRequiredService<IOptions<AsfQuartOptions>>().Value.EffectiveCookieName;

    public ISecureDataFormat<AuthenticationTicket> TicketDataFormat => _services
        .GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
        .Get(CookieAuthenticationDefaults.AuthenticationScheme)
        .TicketDataFormat;

    public string AspNetCoreCookieName => _services
        .GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
        .Get(CookieAuthenticationDefaults.AuthenticationScheme)
        .Cookie.Name!;

    /// <summary>Creates the request header value of an AsfQuart session cookie whose last access was <paramref name="idleTime"/> ago.</summary>
    public string CreateSessionCookieHeader(Session session, TimeSpan idleTime)
    {
        var now = TimeProvider.System.GetUtcNow();
        var value = SessionCookieProtector.Protect(session with { CreatedAt = now - idleTime, LastAccessedAt = now - idleTime }, now - idleTime);
        return JoinCookieChunks(SessionCookieName, value, _services.GetRequiredService<IOptions<AsfQuartOptions>>().Value.CookieChunkSize);
    }

    /// <summary>Creates the request header value of an ASP.NET Core authentication cookie carrying the session's facts as claims.</summary>
    public string CreateAspNetCoreCookieHeader(Session session)
    {
        var now = TimeProvider.System.GetUtcNow();
        var principal = new ClaimsPrincipal(BenchmarkIdentity.ToClaimsIdentity(session, CookieAuthenticationDefaults.AuthenticationScheme));
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddDays(14) };
        var ticket = new AuthenticationTicket(principal, properties, CookieAuthenticationDefaults.AuthenticationScheme);
        var value = TicketDataFormat.Protect(ticket);

        // ChunkingCookieManager's default chunk size.
        return JoinCookieChunks(AspNetCoreCookieName, value, 4050);
    }

    /// <summary>Runs a GET request to the endpoint through the pipeline an application would use for it, then starts the response.</summary>
    public async Task<HttpContext> SendAsync(Endpoint endpoint, string? cookie = null, string? authorization = null)
    {
        var scope = _scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var response = new BenchmarkResponseFeature();
            var context = CreateContext(response, cookie, authorization);
            context.RequestServices = scope.ServiceProvider;
            context.SetEndpoint(endpoint);

            var pipeline = ReferenceEquals(endpoint, AspNetCoreCookie) || ReferenceEquals(endpoint, AspNetCoreJwtBearer)
                ? _authenticationPipeline
                : _endpointOnly;
            await pipeline(context).ConfigureAwait(false);
            await response.StartAsync().ConfigureAwait(false);
            return context;
        }
    }

    /// <summary>Creates a request context whose response runs its <c>OnStarting</c> callbacks when <see cref="BenchmarkResponseFeature.StartAsync"/> is called.</summary>
    public static DefaultHttpContext CreateContext(BenchmarkResponseFeature response, string? cookie = null, string? authorization = null)
    {
        var request = new HttpRequestFeature { Method = HttpMethods.Get, Scheme = "http", Path = "/", Protocol = "HTTP/1.1" };
        request.Headers.Host = "127.0.0.1";
        request.Headers.Accept = "application/json";
        if (cookie is not null)
        {
            request.Headers.Cookie = cookie;
        }

        if (authorization is not null)
        {
            request.Headers.Authorization = authorization;
        }

        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        return new DefaultHttpContext(features);
    }

    public void Dispose() => _services.Dispose();

    private static Task RunEndpoint(HttpContext context) => context.GetEndpoint()!.RequestDelegate!(context);

    private static Endpoint CreateEndpoint(string pattern, Action<EndpointBuilder> configure)
    {
        var builder = new RouteEndpointBuilder(static _ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), order: 0)
        {
            DisplayName = pattern,
        };
        configure(builder);
        return builder.Build();
    }

    // The request Cookie header a browser sends for a value that the server split in the ChunkingCookieManager format.
    private static string JoinCookieChunks(string name, string value, int chunkSize)
    {
        var chunkLength = chunkSize - name.Length - 4;
        if (value.Length + name.Length + 1 <= chunkSize)
        {
            return name + "=" + value;
        }

        var chunks = value.Chunk(chunkLength).Select((chars, index) => $"{name}C{index + 1}={new string(chars)}").ToList();
        return $"{name}=chunks-{chunks.Count}; " + string.Join("; ", chunks);
    }
}
