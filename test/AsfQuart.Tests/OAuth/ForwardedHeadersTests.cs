using System.Web;
using AsfQuart.Tests.OAuth.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace AsfQuart.Tests.OAuth;

public sealed class ForwardedHeadersTests : IAsyncLifetime
{
    private FakeAsfProvider _provider = null!;

    public async Task InitializeAsync() => _provider = await FakeAsfProvider.StartAsync();

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task Callback_url_uses_forwarded_scheme_and_host()
    {
        await using var app = await StartBehindProxyAsync("Production");
        var request = new HttpRequestMessage(HttpMethod.Get, "/auth?login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "apps.example.org");

        var response = await app.CreateBrowser().SendAsync(request);

        Assert.Equal("https://apps.example.org/auth", RedirectUriOf(response));
    }

    [Fact]
    public async Task Callback_url_keeps_path_base()
    {
        await using var app = await StartBehindProxyAsync("Production", pathBase: "/app");
        var request = new HttpRequestMessage(HttpMethod.Get, "/app/auth?login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "apps.example.org");

        var response = await app.CreateBrowser().SendAsync(request);

        Assert.Equal("https://apps.example.org/app/auth", RedirectUriOf(response));
    }

    [Fact]
    public async Task Forwarded_http_is_https_outside_development()
    {
        await using var app = await StartBehindProxyAsync("Production");
        var request = new HttpRequestMessage(HttpMethod.Get, "/auth?login");
        request.Headers.Add("X-Forwarded-Proto", "http");
        request.Headers.Add("X-Forwarded-Host", "apps.example.org");

        var response = await app.CreateBrowser().SendAsync(request);

        Assert.Equal("https://apps.example.org/auth", RedirectUriOf(response));
    }

    [Fact]
    public async Task Forwarded_http_stays_http_in_development()
    {
        await using var app = await StartBehindProxyAsync("Development");
        var request = new HttpRequestMessage(HttpMethod.Get, "/auth?login");
        request.Headers.Add("X-Forwarded-Proto", "http");
        request.Headers.Add("X-Forwarded-Host", "dev.example.org:8080");

        var response = await app.CreateBrowser().SendAsync(request);

        Assert.Equal("http://dev.example.org:8080/auth", RedirectUriOf(response));
    }

    [Fact]
    public async Task Plain_http_request_gets_https_callback()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);

        var response = await app.CreateBrowser().GetAsync("/auth?login");

        Assert.Equal("https://localhost/auth", RedirectUriOf(response));
    }

    private Task<OAuthTestApp> StartBehindProxyAsync(string environment, string? pathBase = null) =>
        OAuthTestApp.StartAsync(
            options =>
            {
                options.Provider = OAuthProviderKind.Asf;
                options.Asf.BaseUrl = _provider.BaseUrl;
            },
            environment,
            configurePipeline: app =>
            {
                var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost };

                // TestHost requests come from no remote address; trust them as the proxy would be trusted.
                forwarded.KnownIPNetworks.Clear();
                forwarded.KnownProxies.Clear();
                app.UseForwardedHeaders(forwarded);
                if (pathBase is not null)
                {
                    app.UsePathBase(pathBase);
                    app.UseRouting();
                }
            });

    private static string? RedirectUriOf(HttpResponseMessage response) =>
        HttpUtility.ParseQueryString(response.Headers.Location!.Query)["redirect_uri"];
}
