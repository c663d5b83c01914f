using AsfQuart.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AsfQuart.Tests.Infrastructure;

/// <summary>
/// A real ASP.NET Core application on TestHost with a fake clock, in-memory keys and captured logs.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, FakeTimeProvider time, FakeLogCollector logs)
    {
        App = app;
        Time = time;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<TestApp> StartAsync(
        Action<WebApplication> mapEndpoints,
        Action<AsfQuartOptions>? configure = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFakeLogging();

        // The examples' appsettings.json is copied beside the tests and sets Information; a rule for
        // the fake provider outranks it, so tests see every record down to Trace.
        builder.Logging.AddFilter<FakeLoggerProvider>(null, LogLevel.Trace);

        builder.Services.AddAsfQuart(options =>
        {
            options.AppId = "refapp";
            options.InMemoryKeys = true;
            configure?.Invoke(options);
        });
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        mapEndpoints(app);
        await app.StartAsync();
        return new TestApp(app, time, app.Services.GetFakeLogCollector());
    }

    public string CookieFor(Session session) => Services.CreateSessionCookieHeader(session);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
