using System.Net;
using AsfQuart.Tests.OAuth.Infrastructure;

namespace AsfQuart.Tests.Attacks;

/// <summary>
/// Sends hostile queries and cookies to the OAuth endpoint of a real app whose provider is a fake
/// oauth.apache.org on 127.0.0.1, and checks each gets a plain 4xx, no session and no secret in the logs.
/// </summary>
public sealed class OAuthCallbackAttackTests : IAsyncLifetime
{
    private FakeAsfProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _provider = await FakeAsfProvider.StartAsync();
        _provider.AddCode("code-jdoe", AsfTokenResponses.JaneDoe);
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    /// <summary>Queries with no started login behind them.</summary>
    public static TheoryData<string> HostileQueries { get; } = new()
    {
        "state=&code=",
        "state=x&code=",
        "state=&code=code-jdoe",
        "state=%00&code=code-jdoe",
        "state=" + new string('s', 300) + "&code=code-jdoe",
        "state=" + new string('s', 20_000) + "&code=code-jdoe",
        "state=abc&code=" + new string('c', 100_000),
        "state=a&state=b&code=code-jdoe",
        "STATE=abc&CODE=code-jdoe",
        "State=abc&Error=access_denied",
        "state=%ZZ&code=%",
        "state=%F0%9F%98%80&code=%C0%AF",
        "state=..%2F..%2Fetc&code=..%2F",
        "state=abc%0D%0ASet-Cookie:%20x=y&code=code-jdoe",
        "state=abc&error=",
        "state=abc&code=code-jdoe&error=access_denied",
        "state=abc&code=code-jdoe&login&logout",
        "login=%",
        "login=%E0%A4%A",
        "login=" + new string('/', 3000),
        "login=/a&login=/b",
        "login&login",
        "logout=%2F%2Fevil.example",
        "logout=/a&logout=/b",
        "login=/%0D%0ALocation:%20https://evil.example",
        "login=/%00",
        "login=javascript:alert(1)",
    };

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Hostile_query_is_plain_4xx(string query)
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);

        var response = await app.CreateBrowser().GetAsync("/auth?" + query);

        await HostileResponses.AssertRejectedPlainlyAsync(response);
        HostileResponses.AssertLogsOmit(app, "code-jdoe", "evil.example");
    }

    [Fact]
    public async Task Repeated_code_signs_nobody_in()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);

        var response = await browser.GetAsync($"/auth?state={state}&code=code-jdoe&code=code-jdoe");

        await HostileResponses.AssertRejectedPlainlyAsync(response);
        HostileResponses.AssertLogsOmit(app, "code-jdoe", state);
    }

    [Fact]
    public async Task Login_with_logout_goes_to_provider()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);

        var response = await app.CreateBrowser().GetAsync("/auth?logout=//evil.example&login");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(_provider.BaseUrl.Authority, response.Headers.Location!.Authority);
        HostileResponses.AssertNoSessionCookie(response);
    }

    public static TheoryData<string> ForgedBindings { get; } = new()
    {
        "",
        "x",
        new string('A', 43),
        "%00%00",
        new string('A', 5000),
    };

    [Theory]
    [MemberData(nameof(ForgedBindings))]
    public async Task Forged_binding_cookie_is_403(string binding)
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);
        var genuine = browser.Cookies["__Host-refapp-login"];
        browser.SetCookie("__Host-refapp-login", binding);

        var response = await browser.GetAsync($"/auth?state={state}&code=code-jdoe");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await HostileResponses.AssertRejectedPlainlyAsync(response);
        HostileResponses.AssertLogsOmit(app, "code-jdoe", state, genuine);
    }

    [Fact]
    public async Task Binding_cookie_of_other_browser_is_403()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var victim = app.CreateBrowser();
        var attacker = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(victim);
        await OAuthTestApp.StartLoginAsync(attacker);

        var response = await attacker.GetAsync($"/auth?state={state}&code=code-jdoe");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await HostileResponses.AssertRejectedPlainlyAsync(response);
        Assert.Empty(_provider.TokenRequests);
    }

    public static TheoryData<string, string> HostileProviderAnswers { get; } = new()
    {
        { "array root", "[1,2,3]" },
        { "string root", "\"jdoe\"" },
        { "number uid", "{\"uid\":42}" },
        { "empty uid", "{\"uid\":\"\"}" },
        { "deep nesting", new string('[', 5000) + new string(']', 5000) },
        { "truncated", "{\"uid\":\"jdoe\"" },
        { "huge body", "{\"uid\":\"jdoe\",\"x\":\"" + new string('x', 2 * 1024 * 1024) + "\"}" },
        { "huge project list", "{\"uid\":\"jdoe\",\"projects\":[" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"project-{i}\"")) + "]}" },
        { "huge uid", "{\"uid\":\"" + new string('u', 200_000) + "\"}" },
    };

    [Theory]
    [MemberData(nameof(HostileProviderAnswers))]
    public async Task Hostile_provider_answer_is_no_500(string name, string answer)
    {
        _provider.AddCode("code-" + name.Replace(' ', '-'), answer);
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);

        var response = await browser.GetAsync($"/auth?state={state}&code=code-{name.Replace(' ', '-')}");

        Assert.InRange((int)response.StatusCode, 400, 599);
        await HostileResponses.AssertNoServerErrorAsync(response);
        HostileResponses.AssertNoSessionCookie(response);
        HostileResponses.AssertLogsOmit(app, state);
    }

    [Theory]
    [InlineData("OPTIONS")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("TRACE")]
    [InlineData("PROPFIND")]
    public async Task Unusual_method_is_405(string method)
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);

        var response = await app.CreateBrowser().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/auth?logout"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        await HostileResponses.AssertRejectedPlainlyAsync(response);
    }

    [Fact]
    public async Task Head_login_sets_no_session()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);

        var response = await app.CreateBrowser().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/auth?login"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        HostileResponses.AssertNoSessionCookie(response);
    }
}
