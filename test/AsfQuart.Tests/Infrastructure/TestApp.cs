using AsfQuart.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AsfQuart.Tests.Infrastructure;

/// <summary>
/// A real ASP.NET Core application on TestHost with a fake clock, in-memory keys, captured logs at
/// Trace level and a configuration source that tests can change and reload.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    private readonly string _contentRoot;

    private TestApp(WebApplication app, FakeTimeProvider time, FakeLogCollector logs, ReloadableConfigurationProvider configuration, string contentRoot)
    {
        _contentRoot = contentRoot;
        App = app;
        Time = time;
        Logs = logs;
        Configuration = configuration;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    public ReloadableConfigurationProvider Configuration { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<TestApp> StartAsync(
        Action<WebApplication> mapEndpoints,
        Action<AsfQuartOptions>? configure = null,
        Action<IServiceCollection>? configureServices = null)
    {
        // An empty content root, because the test output folder contains the examples' appsettings.json,
        // whose log levels would hide the Debug and Trace records that the secret checks read.
        var contentRoot = Directory.CreateTempSubdirectory("asfquart-test-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = contentRoot });
        builder.WebHost.UseTestServer();

        var configuration = new ReloadableConfigurationProvider();
        ((IConfigurationBuilder)builder.Configuration).Add(new ReloadableConfigurationSource(configuration));

        var time = new FakeTimeProvider(Start);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFakeLogging();

        // The examples' appsettings.json is copied beside the tests and sets Information. A rule for
        // the fake provider outranks it, so tests capture every record down to Trace.
        builder.Logging.AddFilter<FakeLoggerProvider>(null, LogLevel.Trace);

        builder.Services.AddAsfQuart(options =>
        {
            options.AppId = "refapp";
            options.InMemoryKeys = true;
            configure?.Invoke(options);
        });
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        try
        {
            mapEndpoints(app);
            await app.StartAsync();
        }
        catch
        {
            // Tests of invalid options expect the start to fail; the folder must not outlive them.
            await app.DisposeAsync();
            Directory.Delete(contentRoot, recursive: true);
            throw;
        }

        return new TestApp(app, time, app.Services.GetFakeLogCollector(), configuration, contentRoot);
    }

    public string CookieFor(Session session) => Services.CreateSessionCookieHeader(session);

    /// <summary>Sends a request built from a method, a path and raw header lines, without header validation.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Get, path, headers);

    /// <summary>
    /// Sends a request whose headers reach the server exactly as given. HttpClient would parse and
    /// rewrite a header such as <c>Authorization: Bearer\ttoken</c> into <c>Bearer token</c>, or drop an empty one.
    /// </summary>
    public async Task<(int Status, IHeaderDictionary Headers, string Body)> SendRawAsync(string method, string pathAndQuery, params (string Name, string Value)[] headers)
    {
        var context = await App.GetTestServer().SendAsync(context =>
        {
            var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
            context.Request.Method = method;
            context.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
            context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
            foreach (var (name, value) in headers)
            {
                context.Request.Headers.Append(name, value);
            }
        });

        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, context.Response.Headers, await reader.ReadToEndAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(_contentRoot, recursive: true);
    }
}
