using System.Net;
using AsfQuart.Testing;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace AsfQuart.Tests.Testing;

/// <summary>The helpers that let an application's own tests send a session or a token.</summary>
public sealed class SessionTestExtensionsTests
{
    private Session? _seen;

    private void Map(WebApplication app)
    {
        app.MapGet("/secret", (Session session) =>
        {
            _seen = session;
            return session.Uid;
        }).RequireAsfSession();
    }

    [Fact]
    public async Task Request_with_session_cookie_reaches_handler()
    {
        await using var app = await TestApp.StartAsync(Map);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/secret").WithAsfSession(app.Services, TestSessions.Member);

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        SessionAssert.SameContent(TestSessions.Member, _seen);
        Assert.Equal(SessionSource.Cookie, _seen!.Source);
    }

    [Fact]
    public async Task Client_with_session_sends_it_on_every_request()
    {
        await using var app = await TestApp.StartAsync(Map);
        using var client = app.App.GetTestServer().CreateClientWithAsfSession(TestSessions.Committer);

        var first = await client.GetAsync("/secret");
        var second = await client.GetAsync("/secret");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("jdoe", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_with_bearer_token_reaches_handler()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(token => token == TestSessions.RoleToken ? TestSessions.RoleAccount : null));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/secret").WithBearerToken(TestSessions.RoleToken);

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SessionSource.Token, _seen!.Source);
    }

    [Fact]
    public async Task Cookie_times_default_to_now()
    {
        await using var app = await TestApp.StartAsync(Map);
        var createdAt = TestApp.Start.AddDays(-3);

        await app.GetAsync("/secret", ("Cookie", app.Services.CreateSessionCookieHeader(TestSessions.Committer)));
        var defaulted = _seen!;
        await app.GetAsync("/secret", ("Cookie", app.Services.CreateSessionCookieHeader(TestSessions.Committer with { CreatedAt = createdAt, LastAccessedAt = createdAt })));

        Assert.Equal(TestApp.Start, defaulted.CreatedAt);
        Assert.Equal(createdAt, _seen!.CreatedAt);
        Assert.Equal(TestApp.Start, _seen.LastAccessedAt);
    }

    [Fact]
    public async Task Cookie_past_idle_timeout_is_no_session()
    {
        await using var app = await TestApp.StartAsync(Map);
        var idle = TestSessions.Committer with { LastAccessedAt = TestApp.Start.AddDays(-8) };

        var response = await app.GetAsync("/secret", ("Cookie", app.Services.CreateSessionCookieHeader(idle)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Cookie_of_large_session_is_chunked()
    {
        await using var app = await TestApp.StartAsync(Map);
        var large = TestSessions.Committer with { Projects = [.. Enumerable.Range(1, 500).Select(index => $"project-{index}")] };

        var header = app.Services.CreateSessionCookieHeader(large);
        var response = await app.GetAsync("/secret", ("Cookie", header));

        Assert.Contains("__Host-refappC1=", header, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(500, _seen!.Projects.Length);
    }
}
