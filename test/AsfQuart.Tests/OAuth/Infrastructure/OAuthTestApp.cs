using System.Web;
using AsfQuart.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AsfQuart.Tests.OAuth.Infrastructure;

/// <summary>
/// A real application on TestHost with the OAuth endpoint at /auth, a protected /secret, a fake
/// clock and captured logs. Production environment unless a test names another.
/// </summary>
public sealed class OAuthTestApp : IAsyncDisposable
{
    private OAuthTestApp(WebApplication app, FakeTimeProvider time)
    {
        App = app;
        Time = time;
        Logs = app.Services.GetFakeLogCollector();
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    public static async Task<OAuthTestApp> StartAsync(
        Action<AsfOAuthOptions> configureOAuth,
        string environment = "Production",
        Action<AsfQuartOptions>? configureSessions = null,
        Action<IServiceCollection>? configureServices = null,
        Action<WebApplication>? configurePipeline = null,
        FakeTimeProvider? time = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Logging.ClearProviders();

        // The test output contains SimpleApp's appsettings.json, whose levels would hide Debug and framework logs.
        builder.Configuration["Logging:LogLevel:Default"] = "Trace";
        builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFakeLogging();

        builder.Services.AddAsfQuart(options =>
        {
            options.AppId = "refapp";
            options.InMemoryKeys = true;
            configureSessions?.Invoke(options);
        });
        builder.Services.AddAsfOAuth(configureOAuth);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        configurePipeline?.Invoke(app);
        app.MapAsfOAuth();
        app.MapGet("/secret", (Session session) => session).RequireAsfSession();
        await app.StartAsync();
        return new OAuthTestApp(app, time);
    }

    public static Task<OAuthTestApp> StartWithAsfAsync(FakeAsfProvider provider, string environment = "Production", Action<AsfOAuthOptions>? configure = null, Action<IServiceCollection>? configureServices = null) =>
        StartAsync(
            options =>
            {
                // The test output contains SimpleApp's appsettings.Development.json, which selects another provider.
                options.Provider = OAuthProviderKind.Asf;
                options.Asf.BaseUrl = provider.BaseUrl;
                configure?.Invoke(options);
            },
            environment,
            configureServices: configureServices);

    public TestBrowser CreateBrowser() => new(App.GetTestClient());

    public string CookieFor(Session session) => App.Services.CreateSessionCookieHeader(session);

    /// <summary>Starts a login in <paramref name="browser"/> and returns the state from the provider URL.</summary>
    public static async Task<string> StartLoginAsync(TestBrowser browser, string query = "login")
    {
        var response = await browser.GetAsync("/auth?" + query);
        Assert.Equal(StatusCodes.Status302Found, (int)response.StatusCode);
        return StateOf(response.Headers.Location!);
    }

    public static string StateOf(Uri location) =>
        HttpUtility.ParseQueryString(location.IsAbsoluteUri ? location.Query : new Uri(new Uri("http://localhost"), location).Query)["state"]!;

    /// <summary>Returns every logged message, with its structured values and exception, as one string per record.</summary>
    public IEnumerable<string> LogText() => Logs.GetSnapshot().Select(record =>
        record.Message + " " + string.Join(" ", record.StructuredState?.Select(pair => pair.Value) ?? []) + " " + record.Exception);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
