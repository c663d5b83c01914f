using System.Net;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AsfQuart.Tests.Sessions;

/// <summary>No cookie value, token or password reaches a log record at any level, on success or failure.</summary>
public sealed class SecretLoggingTests
{
    private const string Token = TestSessions.RoleToken;

    private static void Map(WebApplication app)
    {
        app.MapGet("/secret", (Session session) => session.Uid).RequireAsfSession();
        app.MapGet("/member", (Session session) => session.Uid).RequireAsfSession(Requirements.Member);
        app.MapPost("/login", (HttpContext context) =>
        {
            context.SignInAsfSession(TestSessions.Committer);
            return "in";
        });
        app.MapPost("/logout", (HttpContext context) =>
        {
            context.ClearAsfSession();
            return "out";
        });
    }

    [Fact]
    public async Task Cookie_lifecycle_logs_no_cookie_value()
    {
        await using var app = await TestApp.StartAsync(Map);
        var jar = new CookieJar();

        var login = await app.SendAsync(HttpMethod.Post, "/login");
        jar.Apply(login);
        var issued = jar.Cookies["__Host-refapp"];
        app.Time.Advance(TimeSpan.FromHours(1));
        var refresh = await app.GetAsync("/secret", ("Cookie", jar.Header));
        jar.Apply(refresh);
        var refreshed = jar.Cookies["__Host-refapp"];
        var denied = await app.GetAsync("/member", ("Cookie", jar.Header));
        await app.SendAsync(HttpMethod.Post, "/logout", ("Cookie", jar.Header));
        app.Time.Advance(TimeSpan.FromDays(8));
        var expired = await app.GetAsync("/secret", ("Cookie", $"__Host-refapp={refreshed}"));

        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        LogAssert.NoSecret(app.Logs, issued, refreshed, issued[..40], refreshed[^40..]);
    }

    [Fact]
    public async Task Token_paths_log_no_token()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(token => token == Token ? TestSessions.RoleAccount : null));

        await app.GetAsync("/secret", ("Authorization", "Bearer " + Token));
        await app.GetAsync("/member", ("Authorization", "Bearer " + Token));
        await app.GetAsync("/secret", ("Authorization", "Bearer " + Token + "x"));
        await app.GetAsync("/secret", ("Authorization", "Bearer " + Token + " " + Token));
        await app.GetAsync("/secret", ("Authorization", "Basic " + Token));
        await app.GetAsync("/secret", ("Authorization", "Digest " + Token));

        LogAssert.NoSecret(app.Logs, Token);
    }

    [Fact]
    public async Task Bearer_without_handler_logs_no_token()
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.GetAsync("/secret", ("Authorization", "Bearer " + Token), ("Cookie", "__Host-refapp=" + Token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        LogAssert.NoSecret(app.Logs, Token);
    }
}
