using System.Net.Http.Json;
using System.Text.Json;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace AsfQuart.Tests.Scaling;

/// <summary>
/// One instance of a scaled-out application on TestHost: its own content root folder, its own
/// service provider (so its own in-process Data Protection key ring cache), sharing only Redis with
/// the other instances. The Redis setup is the one in docs/scaling.md.
/// </summary>
public sealed class ScaleInstance : IAsyncDisposable
{
    public const string ApplicationName = "refapp";

    private readonly string _contentRoot;

    private ScaleInstance(WebApplication app, string contentRoot)
    {
        App = app;
        _contentRoot = contentRoot;
        Client = app.GetTestClient();
        Logs = app.Services.GetFakeLogCollector();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public FakeLogCollector Logs { get; }

    public static async Task<ScaleInstance> StartAsync(
        RedisServer redis,
        TimeProvider time,
        bool serverSide,
        string applicationName = ApplicationName,
        Action<AsfQuartOptions>? configure = null,
        Action<ServerSideSessionOptions>? configureStore = null,
        Action<WebApplication>? mapEndpoints = null,
        Action<IServiceCollection>? configureServices = null,
        bool redisCommands = true)
    {
        var contentRoot = Directory.CreateTempSubdirectory("asfquart-instance-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = contentRoot });
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(time);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFakeLogging();

        // The setup of docs/scaling.md: one multiplexer per instance, shared by the key ring and the cache.
        var redisOptions = ConfigurationOptions.Parse(redis.EndPoint);
        redisOptions.AbortOnConnectFail = false;
        redisOptions.ConnectTimeout = 1000;
        redisOptions.SyncTimeout = 1000;
        redisOptions.AsyncTimeout = 1000;
        redisOptions.ReconnectRetryPolicy = new LinearRetry(250);
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(redisOptions);
        builder.Services.AddSingleton<IConnectionMultiplexer>(multiplexer);

        builder.Services.AddDataProtection()
            .SetApplicationName(applicationName)
            .PersistKeysToStackExchangeRedis(multiplexer, "asfquart:data-protection-keys");
        builder.Services.AddStackExchangeRedisCache(options =>
        {
            options.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(multiplexer);
            options.InstanceName = applicationName + ":";
        });

        builder.Services.AddAsfQuart(options =>
        {
            options.AppId = "refapp";
            options.UseTokenHandler(token => token == TestSessions.RoleToken ? TestSessions.RoleAccount : null);
            configure?.Invoke(options);
        });
        if (serverSide)
        {
            builder.Services.AddAsfQuartServerSideSessions(configureStore);
        }

        configureServices?.Invoke(builder.Services);
        if (!redisCommands)
        {
            // Only IDistributedCache operations, as with a cache other than Redis.
            builder.Services.Replace(ServiceDescriptor.Singleton<IServerSideSessionCache, ServerSideSessionCache>());
            builder.Services.Replace(ServiceDescriptor.Singleton<IPendingLoginStore, DistributedPendingLoginStore>());
        }

        var app = builder.Build();
        MapEndpoints(app);
        mapEndpoints?.Invoke(app);
        await app.StartAsync();
        return new ScaleInstance(app, contentRoot);
    }

    /// <summary>Starts an instance with <c>MapAsfOAuth</c> at /auth and the ASF provider at <paramref name="providerUrl"/>.</summary>
    public static Task<ScaleInstance> StartWithOAuthAsync(RedisServer redis, TimeProvider time, bool serverSide, Uri providerUrl) =>
        StartAsync(
            redis,
            time,
            serverSide,
            mapEndpoints: app => app.MapAsfOAuth(),
            configureServices: services => services.AddAsfOAuth(options =>
            {
                options.Provider = OAuthProviderKind.Asf;
                options.Asf.BaseUrl = providerUrl;
            }));

    /// <summary>Signs <paramref name="uid"/> in and returns the <c>Cookie</c> header that carries the new session.</summary>
    public async Task<string> LoginAsync(string uid, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/login/{uid}");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return SessionCookie(response) ?? throw new InvalidOperationException("The login response set no session cookie.");
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? cookie)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-No-Redirect", "1");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Returns the session the instance resolves from <paramref name="cookie"/>, or null with the status code when there is none.</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonElement? Session)> MeAsync(string cookie)
    {
        using var response = await SendAsync(HttpMethod.Get, "/me", cookie);
        if (!response.IsSuccessStatusCode)
        {
            return (response.StatusCode, null);
        }

        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>Returns the <c>Cookie</c> header for the session cookie a response set, or null when it set none or deleted it.</summary>
    public static string? SessionCookie(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            var pair = value.Split(';', 2)[0];
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (pair.StartsWith("__Host-refapp=", StringComparison.Ordinal) && separator < pair.Length - 1)
            {
                return pair;
            }
        }

        return null;
    }

    public static bool DeletesSessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
        && values.Any(value => value.StartsWith("__Host-refapp=;", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(_contentRoot, recursive: true);
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/public", () => "public");
        app.MapPost("/logout-unguarded", (HttpContext context) =>
        {
            context.ClearAsfSession();
            return Results.NoContent();
        });

        app.MapPost("/login/{uid}", (HttpContext context, string uid) =>
        {
            context.SignInAsfSession(new Session { Uid = uid, FullName = "Full name of " + uid, Committees = ["httpd"] });
            return Results.Ok();
        });

        var sessions = app.MapGroup("").RequireAsfSession();
        sessions.MapGet("/me", (Session session) => session);
        sessions.MapPost("/logout", (HttpContext context) =>
        {
            context.ClearAsfSession();
            return Results.NoContent();
        });
        sessions.MapPost("/metadata/{key}", (HttpContext context, Session session, string key) =>
        {
            context.WriteAsfSession(session.WithMetadata(key, true));
            return Results.NoContent();
        });
        sessions.MapPost("/admin/revoke/{uid}", async (IAsfSessionRevoker revoker, string uid) =>
        {
            await revoker.RevokeUserSessionsAsync(uid);
            return Results.NoContent();
        });
    }
}
