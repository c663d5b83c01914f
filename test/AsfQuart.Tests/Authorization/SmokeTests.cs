using System.Net;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace AsfQuart.Tests.Authorization;

public sealed class SmokeTests
{
    private static void Map(WebApplication app)
    {
        app.MapGet("/secret", (Session session) => session).RequireAsfSession();
        app.MapGet("/member", (Session session) => "ok").RequireAsfSession(Requirements.Member);
    }

    [Fact]
    public async Task Browser_without_session_is_redirected()
    {
        await using var app = await TestApp.StartAsync(Map);
        var request = new HttpRequestMessage(HttpMethod.Get, "/secret?a=1&b=2");
        request.Headers.Add("Accept", "text/html");

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/auth?login=%2Fsecret%3Fa%3D1%26b%3D2", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Cookie_session_reaches_handler()
    {
        await using var app = await TestApp.StartAsync(Map);
        var request = new HttpRequestMessage(HttpMethod.Get, "/secret");
        request.Headers.Add("Cookie", app.CookieFor(TestSessions.Committer));

        var response = await app.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"uid\":\"jdoe\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_token_reaches_handler()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(token => token == TestSessions.RoleToken ? TestSessions.RoleAccount : null));
        var request = new HttpRequestMessage(HttpMethod.Get, "/secret");
        request.Headers.TryAddWithoutValidation("Authorization", "bEaReR " + TestSessions.RoleToken);

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Non_member_is_forbidden()
    {
        await using var app = await TestApp.StartAsync(Map);
        var request = new HttpRequestMessage(HttpMethod.Get, "/member");
        request.Headers.Add("Cookie", app.CookieFor(TestSessions.Committer));

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("This resource requires ASF membership.\n", await response.Content.ReadAsStringAsync());
    }
}
