using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using SimpleApp;

namespace AsfQuart.BrowserTests;

/// <summary>
/// SimpleApp on Kestrel at 127.0.0.1, on a port the operating system picks free, in the Development
/// environment, so it logs in through the development provider and its identities from
/// appsettings.Development.json.
/// </summary>
public sealed class SimpleAppServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimpleAppServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<SimpleAppServer> StartAsync()
    {
        string[] args =
        [
            "--environment=Development",
            "--urls=http://127.0.0.1:0",
            "--contentRoot=" + AppContext.BaseDirectory,

            // Keys stay in memory so the test leaves no key folder behind.
            "--AsfQuart:InMemoryKeys=true",
        ];
        var app = SimpleApplication.Build(args);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new SimpleAppServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
