using System.Buffers.Text;
using System.Net;
using System.Text;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AsfQuart.Tests.Sessions;

/// <summary>Cookie flags, encryption, chunking of large sessions and deletion.</summary>
public sealed class SessionCookieTests
{
    private const string CookieName = "__Host-refapp";

    private Session? _seen;

    private void Map(WebApplication app)
    {
        app.MapGet("/read", (Session session) =>
        {
            _seen = session;
            return "ok";
        });

        app.MapPost("/login", (HttpContext context) =>
        {
            context.SignInAsfSession(TestSessions.Full);
            return "in";
        });

        app.MapPost("/login-large", (HttpContext context) =>
        {
            context.SignInAsfSession(LargeSession(500));
            return "in";
        });

        app.MapPost("/shrink", async (HttpContext context) =>
        {
            var session = await context.ReadAsfSessionAsync();
            context.WriteAsfSession(session! with { Projects = ["httpd"] });
            return "shrunk";
        });

        app.MapPost("/logout", (HttpContext context) =>
        {
            context.ClearAsfSession();
            return "out";
        });
    }

    private static Session LargeSession(int projects) => TestSessions.Committer with
    {
        Projects = [.. Enumerable.Range(1, projects).Select(index => $"project-{index:D4}")],
    };

    [Fact]
    public async Task Sign_in_sets_secure_host_cookie()
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.SendAsync(HttpMethod.Post, "/login");

        var cookie = Assert.Single(CookieJar.SetCookies(response));
        Assert.Equal(CookieName, cookie.Name.Value);
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, cookie.SameSite);
        Assert.Equal("/", cookie.Path.Value);
        Assert.Null(cookie.Domain.Value);
        Assert.Equal(TestApp.Start.AddDays(7), cookie.Expires);
    }

    [Fact]
    public async Task Cookie_name_and_flags_follow_options()
    {
        await using var app = await TestApp.StartAsync(Map, options =>
        {
            options.CookieName = "refapp_session";
            options.SecureCookie = false;
            options.CookieSameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
        });

        var response = await app.SendAsync(HttpMethod.Post, "/login");

        var cookie = Assert.Single(CookieJar.SetCookies(response));
        Assert.Equal("refapp_session", cookie.Name.Value);
        Assert.False(cookie.Secure);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, cookie.SameSite);
        Assert.True(cookie.HttpOnly);
    }

    [Fact]
    public async Task Cookie_reveals_no_session_field()
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.SendAsync(HttpMethod.Post, "/login");

        var value = Assert.Single(CookieJar.SetCookies(response)).Value.Value!;
        var decoded = Base64Url.DecodeFromChars(value);
        var views = new[] { value, Encoding.UTF8.GetString(decoded), Encoding.Latin1.GetString(decoded) };
        string[] fields = ["fulluser", "full@example.org", "httpd", "tomcat", "kafka", "apache", "scopeA", "text", "123456789012345678901234567890"];
        foreach (var view in views)
        {
            foreach (var field in fields)
            {
                Assert.DoesNotContain(field, view, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task Large_session_is_chunked_below_browser_limit()
    {
        await using var app = await TestApp.StartAsync(Map);
        var jar = new CookieJar();

        var response = await app.SendAsync(HttpMethod.Post, "/login-large");
        jar.Apply(response);
        await app.GetAsync("/read", ("Cookie", jar.Header));

        var setCookies = response.Headers.GetValues(HeaderNames.SetCookie).ToList();
        Assert.True(setCookies.Count >= 3, $"expected the base cookie and at least two chunks, got {setCookies.Count}");
        Assert.All(setCookies, header => Assert.True(header.Length < 4096, $"a Set-Cookie header is {header.Length} bytes"));
        Assert.StartsWith("chunks-", jar.Cookies[CookieName], StringComparison.Ordinal);
        Assert.Equal(setCookies.Count - 1, int.Parse(jar.Cookies[CookieName]["chunks-".Length..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(500, _seen!.Projects.Length);
        Assert.Equal("project-0500", _seen.Projects[^1]);
    }

    [Fact]
    public async Task Shrinking_session_deletes_stale_chunks()
    {
        await using var app = await TestApp.StartAsync(Map);
        var jar = new CookieJar();
        jar.Apply(await app.SendAsync(HttpMethod.Post, "/login-large"));
        var chunkNames = jar.Cookies.Keys.Where(name => name != CookieName).ToList();

        var shrink = await app.SendAsync(HttpMethod.Post, "/shrink", ("Cookie", jar.Header));
        jar.Apply(shrink);
        await app.GetAsync("/read", ("Cookie", jar.Header));

        Assert.NotEmpty(chunkNames);
        Assert.Equal([CookieName], jar.Cookies.Keys);
        Assert.DoesNotContain("chunks-", jar.Cookies[CookieName], StringComparison.Ordinal);
        Assert.Equal(["httpd"], _seen!.Projects.AsEnumerable());
    }

    [Fact]
    public async Task Clear_deletes_every_chunk()
    {
        await using var app = await TestApp.StartAsync(Map);
        var jar = new CookieJar();
        jar.Apply(await app.SendAsync(HttpMethod.Post, "/login-large"));

        var logout = await app.SendAsync(HttpMethod.Post, "/logout", ("Cookie", jar.Header));
        jar.Apply(logout);
        var read = await app.GetAsync("/read", ("Cookie", jar.Header));

        Assert.Empty(jar.Cookies);
        Assert.All(CookieJar.SetCookies(logout), cookie => Assert.True(cookie.Expires < TestApp.Start));
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
    }

    [Fact]
    public async Task Testing_helper_chunks_like_the_app()
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.GetAsync("/read", ("Cookie", app.CookieFor(LargeSession(500))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(500, _seen!.Projects.Length);
    }

    [Fact]
    public async Task Oversized_session_write_throws()
    {
        await using var app = await TestApp.StartAsync(Map);

        var exception = Assert.Throws<InvalidOperationException>(() => app.CookieFor(LargeSession(10_000)));

        Assert.Contains("too large for a cookie", exception.Message, StringComparison.Ordinal);
    }
}
