using System.Net;
using System.Text.Json;
using AsfQuart.Tests.OAuth.Infrastructure;
using Microsoft.Extensions.Options;

namespace AsfQuart.Tests.OAuth;

public sealed class DevelopmentProviderTests
{
    private static void AddIdentities(AsfOAuthOptions options)
    {
        options.Provider = OAuthProviderKind.Development;
        options.Development.Identities.Clear();
        var jane = new DevelopmentIdentity { Uid = "jdoe", FullName = "Jane <Doe>", IsMember = true, Mfa = true };
        jane.Committees.Add("httpd");
        jane.Projects.Add("httpd");
        options.Development.Identities.Add(jane);
        options.Development.Identities.Add(new DevelopmentIdentity { Uid = "bob", Email = "bob@example.org" });
    }

    [Fact]
    public async Task Login_goes_to_local_picker()
    {
        await using var app = await OAuthTestApp.StartAsync(AddIdentities, environment: "Development");
        var browser = app.CreateBrowser();

        var start = await browser.GetAsync("/auth?login=/dash");
        var picker = await browser.GetAsync(start.Headers.Location!.OriginalString);
        var html = await picker.Content.ReadAsStringAsync();
        var state = OAuthTestApp.StateOf(start.Headers.Location!);

        Assert.StartsWith("/auth/development?state=", start.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, picker.StatusCode);
        Assert.Contains($"href=\"/auth?code=jdoe&amp;state={state}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/auth?code=bob&amp;state={state}\"", html, StringComparison.Ordinal);
        Assert.Contains("Jane &lt;Doe&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Picked_identity_becomes_session()
    {
        await using var app = await OAuthTestApp.StartAsync(AddIdentities, environment: "Development");
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser, "login=/dash");

        var callback = await browser.GetAsync($"/auth?code=jdoe&state={state}");
        using var session = JsonDocument.Parse(await (await browser.GetAsync("/auth")).Content.ReadAsStringAsync());

        Assert.Equal("0; url=/dash", Assert.Single(callback.Headers.GetValues("Refresh")));
        Assert.Equal("jdoe", session.RootElement.GetProperty("uid").GetString());
        Assert.True(session.RootElement.GetProperty("isMember").GetBoolean());
        Assert.True(session.RootElement.GetProperty("mfa").GetBoolean());
        Assert.Equal("httpd", session.RootElement.GetProperty("committees")[0].GetString());
    }

    [Fact]
    public async Task Unknown_identity_is_403()
    {
        await using var app = await OAuthTestApp.StartAsync(AddIdentities, environment: "Development");
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);

        var callback = await browser.GetAsync($"/auth?code=root&state={state}");

        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
    }

    [Theory]
    [InlineData("/auth/development")]
    [InlineData("/auth/development?state=short")]
    [InlineData("/auth/development?state=%3Cscript%3Ealert(1)%3C%2Fscript%3E00000000000000000000")]
    public async Task Picker_without_valid_state_is_400(string url)
    {
        await using var app = await OAuthTestApp.StartAsync(AddIdentities, environment: "Development");

        var response = await app.CreateBrowser().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public async Task Refused_outside_development(string environment)
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => OAuthTestApp.StartAsync(AddIdentities, environment));

        Assert.Contains($"Provider is Development in the '{environment}' environment", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_without_identities()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => OAuthTestApp.StartAsync(
            options =>
            {
                options.Provider = OAuthProviderKind.Development;
                options.Development.Identities.Clear();
            },
            environment: "Development"));

        Assert.Contains("Identities is empty", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Picker_absent_with_other_provider()
    {
        await using var provider = await FakeAsfProvider.StartAsync();
        await using var app = await OAuthTestApp.StartWithAsfAsync(provider, environment: "Development");

        var response = await app.CreateBrowser().GetAsync("/auth/development?state=" + new string('a', 43));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
