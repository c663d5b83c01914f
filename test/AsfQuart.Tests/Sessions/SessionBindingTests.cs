using System.Net;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AsfQuart.Tests.Sessions;

/// <summary>Binding <c>Session</c> and <c>Session?</c> handler parameters, resolving once per request.</summary>
public sealed class SessionBindingTests
{
    private int _tokenHandlerCalls;

    private Task<TestApp> StartAsync() => TestApp.StartAsync(
        app =>
        {
            app.MapGet("/protected/required", (Session session) => session.Uid).RequireAsfSession();
            app.MapGet("/protected/optional", (Session? session) => session?.Uid ?? "none").RequireAsfSession();
            app.MapGet("/open/required", (Session session) => session.Uid);
            app.MapGet("/open/optional", (Session? session) => session?.Uid ?? "none");
            app.MapGet("/open/default", (Session? session = null) => session?.Uid ?? "none");
            app.MapGet("/many-reads", async (HttpContext context, Session session, Session? again) =>
            {
                var read = await context.ReadAsfSessionAsync();
                var strict = await context.ReadAsfSessionAsync(TimeSpan.FromHours(1));
                return ReferenceEquals(session, again) && ReferenceEquals(session, read) && strict is not null ? "same" : "different";
            }).RequireAsfSession(Requirements.RoleAccount);
        },
        options => options.UseTokenHandler(token =>
        {
            Interlocked.Increment(ref _tokenHandlerCalls);
            return token == TestSessions.RoleToken ? TestSessions.RoleAccount : null;
        }));

    [Theory]
    [InlineData("/protected/required")]
    [InlineData("/protected/optional")]
    [InlineData("/open/required")]
    [InlineData("/open/optional")]
    public async Task Session_parameter_gets_cookie_session(string path)
    {
        await using var app = await StartAsync();

        var response = await app.GetAsync(path, ("Cookie", app.CookieFor(TestSessions.Committer)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("jdoe", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/protected/required")]
    [InlineData("/protected/optional")]
    [InlineData("/open/required")]
    public async Task Required_session_without_credentials_is_401(string path)
    {
        await using var app = await StartAsync();

        var api = await app.GetAsync(path);
        var browser = await app.GetAsync(path, ("Accept", "text/html"));

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, browser.StatusCode);
    }

    [Theory]
    [InlineData("/open/optional")]
    [InlineData("/open/default")]
    public async Task Optional_session_on_open_endpoint_is_null(string path)
    {
        await using var app = await StartAsync();

        var response = await app.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("none", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Optional_session_with_bad_token_is_null()
    {
        await using var app = await StartAsync();

        var response = await app.GetAsync("/open/optional", ("Authorization", "Bearer unknown"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("none", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_resolves_session_once()
    {
        await using var app = await StartAsync();

        var response = await app.GetAsync("/many-reads", ("Authorization", "Bearer " + TestSessions.RoleToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("same", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, _tokenHandlerCalls);
    }

    [Fact]
    public async Task Open_endpoint_resolves_session_once()
    {
        await using var app = await StartAsync();

        await app.GetAsync("/open/required", ("Authorization", "Bearer " + TestSessions.RoleToken));

        Assert.Equal(1, _tokenHandlerCalls);
    }
}
