using System.Net;
using System.Text.Json;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AsfQuart.Tests.Authorization;

/// <summary>The login redirect, 401 with its challenges, 403, and the body formats of each.</summary>
public sealed class FailureResponseTests
{
    private const string Html = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static void Map(WebApplication app)
    {
        app.MapGet("/secret", (Session session) => "ok").RequireAsfSession();
        app.MapMethods("/secret", ["HEAD", "POST", "PUT", "DELETE"], (Session session) => "ok").RequireAsfSession();
        app.MapGet("/sp\u00e4ce dir/page", (Session session) => "ok").RequireAsfSession();
        app.MapGet("/member", (Session session) => "ok").RequireAsfSession(Requirements.Member);
        app.MapGet("/files/{**path}", (Session session) => "ok").RequireAsfSession();
        app.MapGet("/teapot", (Session session) => session.IsMember ? "ok" : throw new AuthenticationFailedException("Members only, by the handler.", 418)).RequireAsfSession();
        app.MapGet("/thrown", string (Session session) => throw new AuthenticationFailedException("The handler says no.")).RequireAsfSession();
        app.MapGet("/started", async (HttpContext context) =>
        {
            await context.Response.WriteAsync("partial");
            throw new AuthenticationFailedException("Too late to answer 403.");
        }).RequireAsfSession();
    }

    [Theory]
    [InlineData("/secret?a=1&b=2", "/auth?login=%2Fsecret%3Fa%3D1%26b%3D2")]
    [InlineData("/secret", "/auth?login=%2Fsecret")]
    [InlineData("/secret?next=%2Fx%3Fy%3D1", "/auth?login=%2Fsecret%3Fnext%3D%252Fx%253Fy%253D1")]
    [InlineData("/secret?q=a+b&r=%20", "/auth?login=%2Fsecret%3Fq%3Da%2Bb%26r%3D%2520")]
    [InlineData("/sp%C3%A4ce%20dir/page?x=%3C%3E", "/auth?login=%2Fsp%25C3%25A4ce%2520dir%2Fpage%3Fx%3D%253C%253E")]
    public async Task Browser_navigation_redirects_with_escaped_target(string target, string location)
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.GetAsync(target, ("Accept", Html));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("/files/%0D%0ASet-Cookie:%20x=1")]
    [InlineData("/files/..%5C..%5Cevil")]
    [InlineData("/files//evil.example")]
    [InlineData("/files/a?next=https://evil.example/%0D%0A")]
    [InlineData("/files/%09tab\\back")]
    public async Task Redirect_location_stays_local_for_hostile_paths(string target)
    {
        await using var app = await TestApp.StartAsync(Map);

        var (status, headers, _) = await app.SendRawAsync("GET", target, ("Accept", Html));

        var location = headers.Location.ToString();
        Assert.Equal(302, status);
        Assert.StartsWith("/auth?login=%2Ffiles%2F", location, StringComparison.Ordinal);
        Assert.DoesNotContain(location["/auth?login=".Length..], character => character is '\r' or '\n' or '\t' or '\\' or '/' or ':' or '?');
    }

    [Fact]
    public async Task Redirect_target_round_trips_to_original()
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.GetAsync("/secret?a=1&b=%26x", ("Accept", Html));

        var login = response.Headers.Location!.OriginalString;
        Assert.Equal("/secret?a=1&b=%26x", Uri.UnescapeDataString(login["/auth?login=".Length..]));
    }

    [Fact]
    public async Task Redirect_uses_configured_login_path()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.LoginPath = "/sso/start");

        var response = await app.GetAsync("/secret", ("Accept", Html));

        Assert.Equal("/sso/start?login=%2Fsecret", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Head_navigation_redirects()
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.SendAsync(HttpMethod.Head, "/secret", ("Accept", Html));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Other_methods_get_401(string method)
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.SendAsync(new HttpMethod(method), "/secret", ("Accept", Html));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("X-No-Redirect", "1")]
    [InlineData("x-no-redirect", "true")]
    [InlineData("Authorization", "Bearer x")]
    public async Task Redirect_is_suppressed_by_header(string name, string value)
    {
        await using var app = await TestApp.StartAsync(Map);

        var (status, headers, _) = await app.SendRawAsync("GET", "/secret", ("Accept", Html), (name, value));

        Assert.Equal(401, status);
        Assert.False(headers.ContainsKey("Location"));
    }

    [Theory]
    [InlineData("*/*")]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task Non_html_client_gets_401(string accept)
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.GetAsync("/secret", ("Accept", accept));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_redirect_off_gives_401()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.LoginRedirect = false);

        var response = await app.GetAsync("/secret", ("Accept", Html));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task No_session_401_names_enabled_schemes()
    {
        await using var withoutTokens = await TestApp.StartAsync(Map);
        await using var withTokens = await TestApp.StartAsync(Map, options => options.UseTokenHandler(_ => null));

        var cookieOnly = await withoutTokens.GetAsync("/secret");
        var both = await withTokens.GetAsync("/secret");

        Assert.Equal(["Cookie realm=\"refapp\", form-action=\"/auth\""], cookieOnly.Headers.WwwAuthenticate.Select(value => value.ToString()));
        Assert.Equal(
            ["Bearer realm=\"refapp\"", "Cookie realm=\"refapp\", form-action=\"/auth\""],
            both.Headers.WwwAuthenticate.Select(value => value.ToString()));
    }

    [Fact]
    public async Task Plain_text_body_by_default()
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.GetAsync("/secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("This resource requires a login.\n", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/problem+json")]
    [InlineData("application/json, text/plain;q=0.5")]
    public async Task Json_client_gets_problem_details(string accept)
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.GetAsync("/secret", ("Accept", accept));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Unauthorized", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal("This resource requires a login.", problem.RootElement.GetProperty("detail").GetString());
        Assert.True(response.Headers.WwwAuthenticate.Count > 0);
    }

    [Fact]
    public async Task Forbidden_problem_details_join_messages()
    {
        await using var app = await TestApp.StartAsync(app => app.MapGet("/x", () => "ok").RequireAsfSession(Requirements.Member, Requirements.Root));

        var response = await app.GetAsync("/x", ("Cookie", app.CookieFor(TestSessions.Committer)), ("Accept", "application/json"));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Forbidden", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal("This resource requires ASF membership.\nThis resource requires infrastructure root access.", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Html_and_json_accepting_browser_gets_text()
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.GetAsync("/member", ("Cookie", app.CookieFor(TestSessions.Committer)), ("Accept", "text/html, application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Forbidden_session_is_not_redirected()
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.GetAsync("/member", ("Cookie", app.CookieFor(TestSessions.Committer)), ("Accept", Html));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.WwwAuthenticate.Count > 0);
    }

    [Fact]
    public async Task Handler_exception_becomes_403()
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.GetAsync("/thrown", ("Cookie", app.CookieFor(TestSessions.Committer)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("The handler says no.\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Handler_exception_keeps_its_status()
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.GetAsync("/teapot", ("Cookie", app.CookieFor(TestSessions.Committer)));

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("Members only, by the handler.\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Handler_exception_after_response_started_is_not_swallowed()
    {
        await using var app = await TestApp.StartAsync(Map);

        var exception = await Record.ExceptionAsync(async () =>
        {
            var response = await app.GetAsync("/started", ("Cookie", app.CookieFor(TestSessions.Committer)));
            await response.Content.ReadAsStringAsync();
        });

        Assert.NotNull(exception);
    }

    [Fact]
    public void Exception_status_must_be_4xx()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuthenticationFailedException("x", 500));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuthenticationFailedException("x", 302));
        Assert.Equal(403, new AuthenticationFailedException().StatusCode);
    }
}
