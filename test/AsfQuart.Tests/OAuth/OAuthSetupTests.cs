using System.Net;
using AsfQuart.Tests.OAuth.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsfQuart.Tests.OAuth;

public sealed class OAuthSetupTests
{
    [Fact]
    public async Task Endpoint_follows_login_path()
    {
        await using var provider = await FakeAsfProvider.StartAsync();
        await using var app = await OAuthTestApp.StartAsync(
            options =>
            {
                options.Provider = OAuthProviderKind.Asf;
                options.Asf.BaseUrl = provider.BaseUrl;
            },
            configureSessions: options => options.LoginPath = "/login");
        var browser = app.CreateBrowser();
        var request = new HttpRequestMessage(HttpMethod.Get, "/secret?x=1");
        request.Headers.Add("Accept", "text/html");

        var redirect = await browser.SendAsync(request);
        var login = await browser.GetAsync(redirect.Headers.Location!.OriginalString);

        Assert.Equal("/login?login=%2Fsecret%3Fx%3D1", redirect.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Found, login.StatusCode);
        Assert.StartsWith(provider.BaseUrl.AbsoluteUri, login.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/auth?login")).StatusCode);
    }

    [Fact]
    public async Task Path_other_than_login_path_is_refused()
    {
        await using var app = BuildApp(sessions => { });

        var exception = Assert.Throws<InvalidOperationException>(() => app.MapAsfOAuth("/oauth"));

        Assert.Contains("AsfQuart:LoginPath '/auth'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_path_allowed_without_login_redirect()
    {
        await using var app = BuildApp(sessions => sessions.LoginRedirect = false);
        app.MapAsfOAuth("/oauth");
        await app.StartAsync();

        var response = await app.GetTestClient().GetAsync("/oauth");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("There is no session.\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Missing_registration_names_the_fix()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Services.AddAsfQuart(options =>
        {
            options.AppId = "refapp";
            options.InMemoryKeys = true;
        });
        await using var app = builder.Build();

        var exception = Assert.Throws<InvalidOperationException>(() => app.MapAsfOAuth());

        Assert.Contains("AddAsfOAuth", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("StateLifetime")]
    [InlineData("ProviderTimeout")]
    [InlineData("MaxPendingLogins")]
    [InlineData("Asf:BaseUrl")]
    [InlineData("OpenIdConnect:ClientId")]
    [InlineData("OpenIdConnect:Authority")]
    public async Task Invalid_option_stops_start(string setting)
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => OAuthTestApp.StartAsync(options =>
        {
            switch (setting)
            {
                case "StateLifetime":
                    options.StateLifetime = TimeSpan.Zero;
                    break;
                case "ProviderTimeout":
                    options.ProviderTimeout = TimeSpan.FromSeconds(-1);
                    break;
                case "MaxPendingLogins":
                    options.MaxPendingLogins = 0;
                    break;
                case "Asf:BaseUrl":
                    options.Provider = OAuthProviderKind.Asf;
                    options.Asf.BaseUrl = new Uri("http://oauth.example.org");
                    break;
                case "OpenIdConnect:ClientId":
                    options.Provider = OAuthProviderKind.OpenIdConnect;
                    options.OpenIdConnect.Authority = new Uri("https://idp.example.org");
                    break;
                default:
                    options.Provider = OAuthProviderKind.OpenIdConnect;
                    options.OpenIdConnect.Authority = new Uri("http://127.0.0.1:9/");
                    options.OpenIdConnect.ClientId = "my_app";
                    break;
            }
        }));

        Assert.Contains("AsfQuart:OAuth:" + setting, exception.Message, StringComparison.Ordinal);
    }

    private static WebApplication BuildApp(Action<AsfQuartOptions> configureSessions)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Services.AddAsfQuart(options =>
        {
            options.AppId = "refapp";
            options.InMemoryKeys = true;
            configureSessions(options);
        });
        builder.Services.AddAsfOAuth(options => options.Provider = OAuthProviderKind.Asf);
        return builder.Build();
    }
}
