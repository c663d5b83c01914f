using System.Net;
using System.Text.Json;
using AsfQuart.Tests.OAuth.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace AsfQuart.Tests.OAuth;

public sealed class OAuthEndpointTests : IAsyncLifetime
{
    private FakeAsfProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _provider = await FakeAsfProvider.StartAsync();
        _provider.AddCode("code-jdoe", AsfTokenResponses.JaneDoe);
        _provider.AddCode("code-bob", AsfTokenResponses.Bob);
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task Bare_endpoint_without_session_is_404()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);

        var response = await app.CreateBrowser().GetAsync("/auth");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Bare_endpoint_returns_session_json()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var request = new HttpRequestMessage(HttpMethod.Get, "/auth");
        request.Headers.Add("Cookie", app.CookieFor(new Session { Uid = "jdoe", Committees = ["httpd"] }));

        var response = await app.CreateBrowser().SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("jdoe", json.RootElement.GetProperty("uid").GetString());
        Assert.Equal("httpd", json.RootElement.GetProperty("committees")[0].GetString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Login_redirects_to_provider_with_https_callback()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);

        var response = await app.CreateBrowser().GetAsync("/auth?login");
        var location = response.Headers.Location!;
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(new Uri(_provider.BaseUrl, "/auth-oidc").AbsoluteUri, location.GetLeftPart(UriPartial.Path));
        Assert.Equal("https://localhost/auth", query["redirect_uri"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", query["state"]);
    }

    [Fact]
    public async Task Login_allows_http_callback_in_development()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider, environment: "Development");

        var response = await app.CreateBrowser().GetAsync("/auth?login");
        var query = System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query);

        Assert.Equal("http://localhost/auth", query["redirect_uri"]);
    }

    [Fact]
    public async Task Each_login_gets_new_state()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();

        var states = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            states.Add(await OAuthTestApp.StartLoginAsync(browser));
        }

        Assert.Equal(20, states.Count);
    }

    [Fact]
    public async Task Login_sets_lax_binding_cookie()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);

        var response = await app.CreateBrowser().GetAsync("/auth?login");
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));

        Assert.StartsWith("__Host-refapp-login=", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=900", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_does_not_reveal_session()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var anonymous = app.CreateBrowser();
        var loggedIn = app.CreateBrowser();
        loggedIn.SetCookie("__Host-refapp", app.CookieFor(new Session { Uid = "jdoe" }).Split('=', 2)[1]);

        var first = await anonymous.GetAsync("/auth?login=/dash");
        var second = await loggedIn.GetAsync("/auth?login=/dash");

        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(first.Headers.Location!.GetLeftPart(UriPartial.Path), second.Headers.Location!.GetLeftPart(UriPartial.Path));
        Assert.Equal(HeaderNamesOf(first), HeaderNamesOf(second));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Callback_signs_in_and_refreshes_to_target()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser, "login=" + Uri.EscapeDataString("/dash?a=1"));

        var callback = await browser.GetAsync($"/auth?code=code-jdoe&state={state}");
        var session = await browser.GetAsync("/auth");
        using var json = JsonDocument.Parse(await session.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.Null(callback.Headers.Location);
        Assert.Equal("0; url=/dash?a=1", Assert.Single(callback.Headers.GetValues("Refresh")));
        Assert.Equal("no-referrer", Assert.Single(callback.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("href=\"/dash?a=1\"", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("jdoe", json.RootElement.GetProperty("uid").GetString());
        Assert.DoesNotContain("__Host-refapp-login", browser.Cookies.Keys);
        Assert.Equal(("/token-oidc", "code-jdoe"), Assert.Single(_provider.TokenRequests));
    }

    [Fact]
    public async Task Callback_without_target_refreshes_to_root()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);

        var callback = await browser.GetAsync($"/auth?code=code-jdoe&state={state}");

        Assert.Equal("0; url=/", Assert.Single(callback.Headers.GetValues("Refresh")));
    }

    [Fact]
    public async Task Session_cookie_after_login_is_strict()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);

        var callback = await browser.GetAsync($"/auth?code=code-jdoe&state={state}");
        var sessionCookie = callback.Headers.GetValues("Set-Cookie").Single(cookie => cookie.StartsWith("__Host-refapp=", StringComparison.Ordinal));

        Assert.Contains("samesite=strict", sessionCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", sessionCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unknown_state_is_403_naming_time_limit()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);

        var response = await app.CreateBrowser().GetAsync("/auth?code=x&state=unknown");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("invalid", body, StringComparison.Ordinal);
        Assert.Contains("expired", body, StringComparison.Ordinal);
        Assert.Contains("900 seconds", body, StringComparison.Ordinal);
        Assert.Empty(_provider.TokenRequests);
    }

    [Fact]
    public async Task State_used_twice_fails_second_time()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);
        var binding = browser.Cookies["__Host-refapp-login"];

        var first = await browser.GetAsync($"/auth?code=code-jdoe&state={state}");
        browser.SetCookie("__Host-refapp-login", binding);
        var second = await browser.GetAsync($"/auth?code=code-jdoe&state={state}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Single(_provider.TokenRequests);
    }

    [Fact]
    public async Task State_older_than_900_seconds_is_403()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);

        app.Time.Advance(TimeSpan.FromSeconds(901));
        var response = await browser.GetAsync($"/auth?code=code-jdoe&state={state}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_provider.TokenRequests);
    }

    [Fact]
    public async Task State_younger_than_900_seconds_succeeds()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);

        app.Time.Advance(TimeSpan.FromSeconds(899));
        var response = await browser.GetAsync($"/auth?code=code-jdoe&state={state}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task State_lifetime_is_configurable()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider, configure: options => options.StateLifetime = TimeSpan.FromSeconds(60));
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);

        app.Time.Advance(TimeSpan.FromSeconds(61));
        var response = await browser.GetAsync($"/auth?code=code-jdoe&state={state}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("60 seconds", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_from_other_browser_is_403()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var attacker = app.CreateBrowser();
        var victim = app.CreateBrowser();
        await OAuthTestApp.StartLoginAsync(victim);
        var attackerState = await OAuthTestApp.StartLoginAsync(attacker);

        var response = await victim.GetAsync($"/auth?code=code-bob&state={attackerState}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("another browser", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("__Host-refapp", victim.Cookies.Keys);
        Assert.Empty(_provider.TokenRequests);
    }

    [Fact]
    public async Task Callback_without_binding_cookie_is_403()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);

        var response = await app.CreateBrowser().GetAsync($"/auth?code=code-jdoe&state={state}");
        var retry = await browser.GetAsync($"/auth?code=code-jdoe&state={state}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, retry.StatusCode);
    }

    [Fact]
    public async Task Two_tabs_can_both_log_in()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        var first = await OAuthTestApp.StartLoginAsync(browser);
        var second = await OAuthTestApp.StartLoginAsync(browser);
        var binding = browser.Cookies["__Host-refapp-login"];

        var secondResponse = await browser.GetAsync($"/auth?code=code-jdoe&state={second}");
        browser.SetCookie("__Host-refapp-login", binding);
        var firstResponse = await browser.GetAsync($"/auth?code=code-jdoe&state={first}");

        Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
    }

    [Fact]
    public async Task Every_login_issues_fresh_session()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        var old = new Session { Uid = "jdoe", IsRoot = true, CreatedAt = app.Time.GetUtcNow() }.WithMetadata("cart", 3);
        browser.SetCookie("__Host-refapp", app.CookieFor(old).Split('=', 2)[1]);
        app.Time.Advance(TimeSpan.FromHours(5));
        var state = await OAuthTestApp.StartLoginAsync(browser);

        await browser.GetAsync($"/auth?code=code-jdoe&state={state}");
        var response = await browser.GetAsync("/auth");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var session = json.RootElement;

        Assert.Equal("jdoe", session.GetProperty("uid").GetString());
        Assert.Equal(app.Time.GetUtcNow(), session.GetProperty("createdAt").GetDateTimeOffset());
        Assert.False(session.GetProperty("isRoot").GetBoolean());
        Assert.Empty(session.GetProperty("metadata").EnumerateObject());
    }

    [Fact]
    public async Task Login_as_other_user_replaces_session()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        var first = await OAuthTestApp.StartLoginAsync(browser);
        await browser.GetAsync($"/auth?code=code-jdoe&state={first}");
        var second = await OAuthTestApp.StartLoginAsync(browser);

        await browser.GetAsync($"/auth?code=code-bob&state={second}");
        var response = await browser.GetAsync("/auth");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("bob", json.RootElement.GetProperty("uid").GetString());
        Assert.False(json.RootElement.GetProperty("isMember").GetBoolean());
    }

    [Fact]
    public async Task Provider_error_callback_is_403()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);

        var response = await browser.GetAsync($"/auth?error=access_denied&state={state}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_provider.TokenRequests);
    }

    [Fact]
    public async Task Logout_get_returns_text_and_clears()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        browser.SetCookie("__Host-refapp", app.CookieFor(new Session { Uid = "jdoe" }).Split('=', 2)[1]);

        var response = await browser.GetAsync("/auth?logout");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("\"cache\", \"cookies\", \"storage\"", Assert.Single(response.Headers.GetValues("Clear-Site-Data")));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("__Host-refapp=;", StringComparison.Ordinal));
        Assert.DoesNotContain("__Host-refapp", browser.Cookies.Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/auth")).StatusCode);
    }

    [Fact]
    public async Task Logout_post_returns_204_and_clears()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        browser.SetCookie("__Host-refapp", app.CookieFor(new Session { Uid = "jdoe" }).Split('=', 2)[1]);

        var response = await browser.PostAsync("/auth?logout", secFetchSite: "same-origin");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("\"cache\", \"cookies\", \"storage\"", Assert.Single(response.Headers.GetValues("Clear-Site-Data")));
        Assert.DoesNotContain("__Host-refapp", browser.Cookies.Keys);
    }

    [Theory]
    [InlineData("GET", HttpStatusCode.Found)]
    [InlineData("POST", HttpStatusCode.SeeOther)]
    public async Task Logout_with_target_redirects(string method, HttpStatusCode expected)
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        browser.SetCookie("__Host-refapp", app.CookieFor(new Session { Uid = "jdoe" }).Split('=', 2)[1]);

        var response = await browser.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/auth?logout=" + Uri.EscapeDataString("/bye?x=1")));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("/bye?x=1", response.Headers.Location?.OriginalString);
        Assert.Equal("\"cache\", \"cookies\", \"storage\"", Assert.Single(response.Headers.GetValues("Clear-Site-Data")));
        Assert.DoesNotContain("__Host-refapp", browser.Cookies.Keys);
    }

    [Fact]
    public async Task Clear_site_data_is_configurable()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider, configure: options => options.ClearSiteData = "");

        var response = await app.CreateBrowser().GetAsync("/auth?logout");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Clear-Site-Data"));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("__Host-refapp=;", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/auth?logout")]
    [InlineData("/auth?logout=/")]
    [InlineData("/auth?login")]
    [InlineData("/auth")]
    public async Task Cross_site_post_is_403(string url)
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        browser.SetCookie("__Host-refapp", app.CookieFor(new Session { Uid = "jdoe" }).Split('=', 2)[1]);

        var response = await browser.PostAsync(url, secFetchSite: "cross-site");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Clear-Site-Data"));
        Assert.Contains("__Host-refapp", browser.Cookies.Keys);
    }

    [Theory]
    [InlineData("same-origin")]
    [InlineData("same-site")]
    [InlineData("none")]
    [InlineData(null)]
    public async Task Same_site_post_logs_out(string? secFetchSite)
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);

        var response = await app.CreateBrowser().PostAsync("/auth?logout", secFetchSite);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Full_login_logs_no_secret()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser, "login=/dash");
        var binding = browser.Cookies["__Host-refapp-login"];

        await browser.GetAsync($"/auth?code=code-jdoe&state={state}");
        var session = browser.Cookies["__Host-refapp"];
        await browser.GetAsync("/auth?logout");
        var logs = app.LogText().ToList();

        Assert.NotEmpty(logs);
        Assert.Contains(logs, line => line.Contains("jdoe logged in", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains("code-jdoe", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(state, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(binding, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(session[..40], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hosting_request_logs_stay_on_when_kept()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider, configure: options => options.KeepHostingRequestLogs = true);

        await app.CreateBrowser().GetAsync("/auth?login");

        Assert.Contains(app.Logs.GetSnapshot(), record => record.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && record.Message.StartsWith("Request starting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hosting_request_logs_are_off_by_default()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);

        await app.CreateBrowser().GetAsync("/auth?login");

        Assert.DoesNotContain(app.Logs.GetSnapshot(), record => record.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && record.Level < Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Level == Microsoft.Extensions.Logging.LogLevel.Debug);
    }

    private static List<string> HeaderNamesOf(HttpResponseMessage response) =>
        [.. response.Headers.Select(header => header.Key).Order(StringComparer.Ordinal)];
}
