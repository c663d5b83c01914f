using System.Net;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AsfQuart.Tests.Sessions;

/// <summary>Creation time, idle timeout measured from the last use, maximum age, and when the cookie is refreshed.</summary>
public sealed class SessionLifetimeTests
{
    private Session? _seen;

    private void Map(WebApplication app)
    {
        app.MapGet("/secret", (Session session) =>
        {
            _seen = session;
            return "ok";
        }).RequireAsfSession();

        app.MapPost("/touch", async (HttpContext context) =>
        {
            var session = await context.ReadAsfSessionAsync();
            context.WriteAsfSession(session!.WithMetadata("touched", context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()));
            return "touched";
        }).RequireAsfSession();

        app.MapGet("/strict", async (HttpContext context) =>
        {
            var session = await context.ReadAsfSessionAsync(TimeSpan.FromHours(1));
            return session is null ? "none" : session.Uid;
        });

        var shortIdle = app.MapGroup("/short").WithSessionIdleTimeout(TimeSpan.FromHours(1)).RequireAsfSession();
        shortIdle.MapGet("/page", () => "short");
    }

    [Fact]
    public async Task Write_keeps_creation_time()
    {
        await using var app = await TestApp.StartAsync(Map);
        var jar = CookieJar.FromHeader(app.CookieFor(TestSessions.Committer));

        app.Time.Advance(TimeSpan.FromHours(3));
        jar.Apply(await app.SendAsync(HttpMethod.Post, "/touch", ("Cookie", jar.Header)));
        app.Time.Advance(TimeSpan.FromHours(3));
        await app.GetAsync("/secret", ("Cookie", jar.Header));

        Assert.Equal(TestApp.Start, _seen!.CreatedAt);
        Assert.Equal(TestApp.Start.AddHours(6), _seen.LastAccessedAt);
    }

    [Fact]
    public async Task Session_that_keeps_writing_reaches_max_age()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.MaxSessionAge = TimeSpan.FromDays(1));
        var jar = CookieJar.FromHeader(app.CookieFor(TestSessions.Committer));

        for (var hour = 2; hour <= 24; hour += 2)
        {
            app.Time.Advance(TimeSpan.FromHours(2));
            var response = await app.SendAsync(HttpMethod.Post, "/touch", ("Cookie", jar.Header));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            jar.Apply(response);
        }

        app.Time.Advance(TimeSpan.FromMinutes(1));
        var expired = await app.SendAsync(HttpMethod.Post, "/touch", ("Cookie", jar.Header));

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task Cookie_expiry_is_capped_by_max_age()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.MaxSessionAge = TimeSpan.FromDays(2));
        app.Time.Advance(TimeSpan.FromDays(1));

        var response = await app.SendAsync(HttpMethod.Post, "/touch", ("Cookie", app.CookieFor(TestSessions.Committer with { CreatedAt = TestApp.Start })));

        var cookie = Assert.Single(CookieJar.SetCookies(response));
        Assert.Equal(TestApp.Start.AddDays(2), cookie.Expires);
    }

    [Fact]
    public async Task Idle_timeout_counts_from_last_use()
    {
        await using var app = await TestApp.StartAsync(Map);
        var jar = CookieJar.FromHeader(app.CookieFor(TestSessions.Committer));

        app.Time.Advance(TimeSpan.FromDays(6));
        var day6 = await app.GetAsync("/secret", ("Cookie", jar.Header));
        jar.Apply(day6);

        app.Time.Advance(TimeSpan.FromDays(6));
        var day12 = await app.GetAsync("/secret", ("Cookie", jar.Header));
        jar.Apply(day12);

        app.Time.Advance(TimeSpan.FromDays(8));
        var day20 = await app.GetAsync("/secret", ("Cookie", jar.Header));

        Assert.Equal(HttpStatusCode.OK, day6.StatusCode);
        Assert.Single(CookieJar.SetCookies(day6));
        Assert.Equal(HttpStatusCode.OK, day12.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, day20.StatusCode);
    }

    [Fact]
    public async Task Idle_timeout_boundary_is_inclusive()
    {
        await using var app = await TestApp.StartAsync(Map);
        var cookie = app.CookieFor(TestSessions.Committer);

        app.Time.Advance(TimeSpan.FromDays(7));
        var atLimit = await app.GetAsync("/secret", ("Cookie", cookie));
        app.Time.Advance(TimeSpan.FromMilliseconds(1));
        var pastLimit = await app.GetAsync("/secret", ("Cookie", cookie));

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, pastLimit.StatusCode);
    }

    [Fact]
    public async Task Read_inside_refresh_interval_sets_no_cookie()
    {
        await using var app = await TestApp.StartAsync(Map);
        var cookie = app.CookieFor(TestSessions.Committer);

        var first = await app.GetAsync("/secret", ("Cookie", cookie));
        app.Time.Advance(TimeSpan.FromMinutes(4));
        var later = await app.GetAsync("/secret", ("Cookie", cookie));
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var refreshed = await app.GetAsync("/secret", ("Cookie", cookie));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Empty(CookieJar.SetCookies(first));
        Assert.Empty(CookieJar.SetCookies(later));
        Assert.Single(CookieJar.SetCookies(refreshed));
    }

    [Fact]
    public async Task Refresh_then_handler_write_keeps_handler_change()
    {
        await using var app = await TestApp.StartAsync(Map);
        var jar = CookieJar.FromHeader(app.CookieFor(TestSessions.Committer));

        app.Time.Advance(TimeSpan.FromHours(1));
        var touch = await app.SendAsync(HttpMethod.Post, "/touch", ("Cookie", jar.Header));
        jar.Apply(touch);
        await app.GetAsync("/secret", ("Cookie", jar.Header));

        Assert.Single(CookieJar.SetCookies(touch));
        Assert.True(_seen!.Metadata.ContainsKey("touched"));
        Assert.Equal(TestApp.Start.AddHours(1), _seen.LastAccessedAt);
        Assert.Equal(TestApp.Start, _seen.CreatedAt);
    }

    [Fact]
    public async Task Endpoint_idle_timeout_overrides_default()
    {
        await using var app = await TestApp.StartAsync(Map);
        var cookie = app.CookieFor(TestSessions.Committer);

        app.Time.Advance(TimeSpan.FromMinutes(59));
        var fresh = await app.GetAsync("/short/page", ("Cookie", cookie));
        app.Time.Advance(TimeSpan.FromMinutes(2));
        var idle = await app.GetAsync("/short/page", ("Cookie", cookie));
        var elsewhere = await app.GetAsync("/secret", ("Cookie", cookie));

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, idle.StatusCode);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Endpoint_idle_timeout_holds_after_read_before_routing()
    {
        await using var app = await TestApp.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                await context.ReadAsfSessionAsync();
                await next(context);
            });
            app.UseRouting();
            Map(app);
        });
        var cookie = app.CookieFor(TestSessions.Committer);
        app.Time.Advance(TimeSpan.FromMinutes(61));

        var idle = await app.GetAsync("/short/page", ("Cookie", cookie));
        var elsewhere = await app.GetAsync("/secret", ("Cookie", cookie));

        Assert.Equal(HttpStatusCode.Unauthorized, idle.StatusCode);
        Assert.False(idle.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Read_idle_timeout_rejects_without_refreshing()
    {
        await using var app = await TestApp.StartAsync(Map);
        var jar = CookieJar.FromHeader(app.CookieFor(TestSessions.Committer));

        app.Time.Advance(TimeSpan.FromMinutes(30));
        var fresh = await app.GetAsync("/strict", ("Cookie", jar.Header));
        jar.Apply(fresh);
        app.Time.Advance(TimeSpan.FromMinutes(61));
        var idle = await app.GetAsync("/strict", ("Cookie", jar.Header));
        jar.Apply(idle);
        var again = await app.GetAsync("/strict", ("Cookie", jar.Header));

        Assert.Equal("jdoe", await fresh.Content.ReadAsStringAsync());
        Assert.Equal("none", await idle.Content.ReadAsStringAsync());
        Assert.Empty(CookieJar.SetCookies(idle));
        Assert.Equal("none", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reloaded_idle_timeout_applies_to_old_cookies()
    {
        await using var app = await TestApp.StartAsync(Map);
        var cookie = app.CookieFor(TestSessions.Committer);
        app.Time.Advance(TimeSpan.FromHours(2));

        var before = await app.GetAsync("/secret", ("Cookie", cookie));
        app.Configuration.SetAndReload("AsfQuart:IdleTimeout", "01:00:00");
        var after = await app.GetAsync("/secret", ("Cookie", cookie));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Reloaded_max_age_applies_to_old_cookies()
    {
        await using var app = await TestApp.StartAsync(Map);
        var cookie = app.CookieFor(TestSessions.Committer);
        app.Time.Advance(TimeSpan.FromHours(2));

        var before = await app.GetAsync("/secret", ("Cookie", cookie));
        app.Configuration.SetAndReload("AsfQuart:MaxSessionAge", "01:00:00");
        var after = await app.GetAsync("/secret", ("Cookie", cookie));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
