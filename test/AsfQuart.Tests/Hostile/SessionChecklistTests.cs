using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Net.Http.Headers;

namespace AsfQuart.Tests.Hostile;

/// <summary>The session management checks that docs/security.md cites beside the hostile-input tables.</summary>
public sealed class SessionChecklistTests
{
    private static void Map(WebApplication app)
    {
        app.MapGet("/secret", (Session session) => "uid=" + session.Uid).RequireAsfSession();
        app.MapGet("/sensitive", (Session session) => "uid=" + session.Uid).RequireAsfSession().WithSessionIdleTimeout(TimeSpan.FromMinutes(15));
        app.MapPost("/sign-in", (HttpContext context) => context.SignInAsfSession(TestSessions.Member));
    }

    [Fact]
    public async Task Cookie_has_hardened_attributes()
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await SendAsync(app, _ => { }, "POST", "/sign-in");

        var setCookie = SetCookieHeaderValue.Parse(Assert.Single(response.SetCookies));
        Assert.Equal("__Host-refapp", setCookie.Name.ToString());
        Assert.True(setCookie.Secure);
        Assert.True(setCookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, setCookie.SameSite);
        Assert.Equal("/", setCookie.Path.ToString());
        Assert.Null(setCookie.Domain.Value);
    }

    [Fact]
    public async Task Sign_in_replaces_planted_cookie()
    {
        await using var app = await TestApp.StartAsync(Map);
        var planted = app.CookieFor(TestSessions.Committer with { CreatedAt = app.Time.GetUtcNow().AddDays(-3) });

        var response = await SendAsync(app, request => request.Headers.Cookie = planted, "POST", "/sign-in");
        var issued = Assert.Single(response.SetCookies).Split(';')[0];
        var after = await SendAsync(app, request => request.Headers.Cookie = issued);

        Assert.NotEqual(planted, issued);
        Assert.Equal("uid=mmember", after.Body);
    }

    [Fact]
    public async Task Same_session_encrypts_differently()
    {
        await using var app = await TestApp.StartAsync(Map);

        var first = app.CookieFor(TestSessions.Member);
        var second = app.CookieFor(TestSessions.Member);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Token_in_query_is_ignored()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(token => token == HostileHost.GoodToken ? TestSessions.RoleAccount : null));

        var response = await SendAsync(app, request => request.QueryString = new QueryString("?access_token=" + HostileHost.GoodToken + "&token=" + HostileHost.GoodToken));

        HostileAssert.Handled(response, app.Logs, StatusCodes.Status401Unauthorized);
    }

    [Fact]
    public async Task Login_redirect_carries_no_credentials()
    {
        await using var app = await TestApp.StartAsync(Map);
        var cookie = app.CookieFor(TestSessions.Member);
        var broken = cookie[..^2];

        var response = await SendAsync(app, request =>
        {
            request.Headers.Accept = "text/html";
            request.Headers.Cookie = broken;
            request.QueryString = new QueryString("?a=1");
        });

        HostileAssert.Handled(response, app.Logs, StatusCodes.Status302Found, broken.Split('=', 2)[1]);
        Assert.Equal("/auth?login=%2Fsecret%3Fa%3D1", response.Headers.Location.ToString());
    }

    [Fact]
    public async Task Idle_expired_cookie_is_no_session()
    {
        await using var app = await TestApp.StartAsync(Map);
        var cookie = app.CookieFor(TestSessions.Member);
        var idleTimeout = new AsfQuartOptions().IdleTimeout;

        app.Time.Advance(idleTimeout);
        var atLimit = await SendAsync(app, request => request.Headers.Cookie = cookie);
        app.Time.Advance(TimeSpan.FromMilliseconds(1));
        var past = await SendAsync(app, request => request.Headers.Cookie = cookie);

        Assert.Equal(StatusCodes.Status200OK, atLimit.StatusCode);
        HostileAssert.Handled(past, app.Logs, StatusCodes.Status401Unauthorized, cookie.Split('=', 2)[1]);
    }

    [Fact]
    public async Task Activity_does_not_extend_max_age()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.MaxSessionAge = TimeSpan.FromHours(1));
        var cookie = app.CookieFor(TestSessions.Member);

        app.Time.Advance(TimeSpan.FromMinutes(59));
        var refreshed = await SendAsync(app, request => request.Headers.Cookie = cookie);
        var renewed = Assert.Single(refreshed.SetCookies).Split(';')[0];
        app.Time.Advance(TimeSpan.FromMinutes(2));
        var past = await SendAsync(app, request => request.Headers.Cookie = renewed);

        Assert.Equal(StatusCodes.Status200OK, refreshed.StatusCode);
        HostileAssert.Handled(past, app.Logs, StatusCodes.Status401Unauthorized, renewed.Split('=', 2)[1]);
    }

    [Fact]
    public async Task Sensitive_endpoint_has_stricter_idle_timeout()
    {
        await using var app = await TestApp.StartAsync(Map);
        var cookie = app.CookieFor(TestSessions.Member);

        app.Time.Advance(TimeSpan.FromMinutes(16));
        var ordinary = await SendAsync(app, request => request.Headers.Cookie = cookie);
        var sensitive = await SendAsync(app, request => request.Headers.Cookie = cookie, path: "/sensitive");

        Assert.Equal(StatusCodes.Status200OK, ordinary.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, sensitive.StatusCode);
    }

    [Fact]
    public async Task Rejected_session_is_deleted()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.ValidateSession = context =>
        {
            context.RejectSession("The account is disabled.");
            return ValueTask.CompletedTask;
        });
        var cookie = app.CookieFor(TestSessions.Member);
        app.Time.Advance(new AsfQuartOptions().ValidationInterval);

        var response = await SendAsync(app, request => request.Headers.Cookie = cookie);

        Assert.Equal(StatusCodes.Status401Unauthorized, response.StatusCode);
        var deleted = Assert.Single(response.SetCookies);
        Assert.StartsWith("__Host-refapp=;", deleted, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", deleted, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Key_directory_is_owner_only()
    {
        var parent = Directory.CreateTempSubdirectory("asfquart-checklist-");
        var keys = Path.Combine(parent.FullName, "keys");
        try
        {
            await using var app = await TestApp.StartAsync(Map, options =>
            {
                options.InMemoryKeys = false;
                options.KeyDirectory = keys;
            });
            _ = app.CookieFor(TestSessions.Member);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
            Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
        }
        finally
        {
            parent.Delete(recursive: true);
        }
    }

    private static Task<HostileResponse> SendAsync(TestApp app, Action<HttpRequest> configure, string method = "GET", string path = "/secret") =>
        HostileResponse.SendAsync(app.App.GetTestServer(), configure, method, path);
}
