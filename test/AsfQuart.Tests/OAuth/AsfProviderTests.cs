using System.Net;
using System.Text.Json;
using AsfQuart.Tests.OAuth.Infrastructure;

namespace AsfQuart.Tests.OAuth;

public sealed class AsfProviderTests : IAsyncLifetime
{
    private FakeAsfProvider _provider = null!;

    public async Task InitializeAsync() => _provider = await FakeAsfProvider.StartAsync();

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task Answer_fields_become_session()
    {
        _provider.AddCode("code-jdoe", AsfTokenResponses.JaneDoe);
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);

        var session = await LogInAsync(app, "code-jdoe");

        Assert.Equal("jdoe", session.GetProperty("uid").GetString());
        Assert.Equal("uid=jdoe,ou=people,dc=apache,dc=org", session.GetProperty("dn").GetString());
        Assert.Equal("jane@example.org", session.GetProperty("email").GetString());
        Assert.Equal("Jane Doe", session.GetProperty("fullName").GetString());
        Assert.True(session.GetProperty("isMember").GetBoolean());
        Assert.True(session.GetProperty("isChair").GetBoolean());
        Assert.False(session.GetProperty("isRoot").GetBoolean());
        Assert.Equal(["httpd", "tomcat"], Strings(session.GetProperty("committees")));
        Assert.Equal(["httpd", "tomcat", "commons"], Strings(session.GetProperty("projects")));
        Assert.True(session.GetProperty("mfa").GetBoolean());
        Assert.False(session.GetProperty("isRoleAccount").GetBoolean());
    }

    [Fact]
    public async Task Missing_email_defaults_to_apache_address()
    {
        _provider.AddCode("code-bob", AsfTokenResponses.Bob);
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);

        var session = await LogInAsync(app, "code-bob");

        Assert.Equal("bob@apache.org", session.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Plain_endpoints_give_no_mfa()
    {
        _provider.AddCode("code-plain", AsfTokenResponses.PlainJaneDoe);
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider, configure: options =>
        {
            options.Asf.AuthorizationPath = "/auth";
            options.Asf.TokenPath = "/token";
        });

        var start = await app.CreateBrowser().GetAsync("/auth?login");
        var session = await LogInAsync(app, "code-plain");

        Assert.Equal(new Uri(_provider.BaseUrl, "/auth").AbsoluteUri, start.Headers.Location!.GetLeftPart(UriPartial.Path));
        Assert.Equal("jdoe", session.GetProperty("uid").GetString());
        Assert.False(session.GetProperty("mfa").GetBoolean());
        Assert.Equal("/token", _provider.TokenRequests.Last().Path);
    }

    [Theory]
    [InlineData(400, HttpStatusCode.Forbidden)]
    [InlineData(401, HttpStatusCode.Forbidden)]
    [InlineData(404, HttpStatusCode.Forbidden)]
    [InlineData(500, HttpStatusCode.BadGateway)]
    [InlineData(503, HttpStatusCode.BadGateway)]
    [InlineData(302, HttpStatusCode.BadGateway)]
    [InlineData(204, HttpStatusCode.BadGateway)]
    public async Task Provider_status_gives_plain_failure(int providerStatus, HttpStatusCode expected)
    {
        _provider.AddStatusCode("code-failing", providerStatus);
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);

        var response = await CallbackAsync(app, "code-failing");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Refresh"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"uid\":")]
    [InlineData("<html>maintenance</html>")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"uid\":\"\"}")]
    [InlineData("{\"uid\":42}")]
    public async Task Invalid_answer_is_502(string answer)
    {
        _provider.AddCode("code-broken", answer);
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);

        var response = await CallbackAsync(app, "code-broken");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provider_redirect_is_not_followed()
    {
        _provider.AddCode("code-jdoe", AsfTokenResponses.JaneDoe);
        _provider.AddRedirectingCode("code-moved", new Uri(_provider.BaseUrl, "/token-oidc?code=code-jdoe"));
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);

        var response = await CallbackAsync(app, "code-moved");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Single(_provider.TokenRequests);
    }

    [Fact]
    public async Task Provider_timeout_is_502()
    {
        _provider.AddHangingCode("code-hanging");
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);

        var pending = browser.GetAsync($"/auth?code=code-hanging&state={state}");
        await _provider.HangingRequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        app.Time.Advance(TimeSpan.FromSeconds(10));
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("did not answer in time", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(app.LogText(), line => line.Contains("did not answer within", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unreachable_provider_is_502()
    {
        var closed = await FakeAsfProvider.StartAsync();
        var closedUrl = closed.BaseUrl;
        await closed.DisposeAsync();
        await using var app = await OAuthTestApp.StartAsync(options =>
        {
            options.Provider = OAuthProviderKind.Asf;
            options.Asf.BaseUrl = closedUrl;
        });
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);

        var response = await browser.GetAsync($"/auth?code=code-unreachable&state={state}");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains(app.LogText(), line => line.Contains("call to the identity provider failed", StringComparison.Ordinal));
        Assert.DoesNotContain(app.LogText(), line => line.Contains("code-unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failures_log_no_code()
    {
        _provider.AddStatusCode("code-secret-rejected", 400);
        _provider.AddCode("code-secret-broken", "not json");
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);

        await CallbackAsync(app, "code-secret-rejected");
        await CallbackAsync(app, "code-secret-broken");
        var logs = app.LogText().ToList();

        Assert.Contains(logs, line => line.Contains("status 400", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains("code-secret", StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> CallbackAsync(OAuthTestApp app, string code)
    {
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);
        return await browser.GetAsync($"/auth?code={code}&state={state}");
    }

    private static async Task<JsonElement> LogInAsync(OAuthTestApp app, string code)
    {
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);
        var callback = await browser.GetAsync($"/auth?code={code}&state={state}");
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);

        var response = await browser.GetAsync("/auth");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetString()!)];
}
