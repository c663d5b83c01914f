using System.Net;
using System.Text.Json;
using AsfQuart.Tests.OAuth.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AsfQuart.Tests.Scaling;

/// <summary>
/// OAuth logins through <c>MapAsfOAuth</c> on two instances (separate hosts and key caches) that
/// share one real redis-server, against a fake ASF provider on 127.0.0.1.
/// </summary>
public sealed class CrossInstanceLoginTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));
    private FakeAsfProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _provider = await FakeAsfProvider.StartAsync();
        _provider.AddCode("code-jdoe", AsfTokenResponses.JaneDoe);
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Login_begun_on_A_finishes_on_B(bool serverSide)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartAsync(redis, serverSide);
        await using var b = await StartAsync(redis, serverSide);
        var onA = new TestBrowser(a.Client);
        var onB = new TestBrowser(b.Client);

        var state = await OAuthTestApp.StartLoginAsync(onA, "login=/dash");
        CopyCookies(onA, onB);
        using var callback = await onB.GetAsync($"/auth?code=code-jdoe&state={state}");
        CopyCookies(onB, onA);
        using var replay = await onA.GetAsync($"/auth?code=code-jdoe&state={state}");

        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.Equal("0; url=/dash", callback.Headers.GetValues("Refresh").Single());
        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        Assert.Equal("jdoe", (await SessionAsync(onB))?.GetProperty("uid").GetString());
        Assert.Equal("jdoe", (await SessionAsync(onA))?.GetProperty("uid").GetString());
    }

    [Fact]
    public async Task Callback_on_B_without_binding_cookie_is_403()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartAsync(redis, serverSide: false);
        await using var b = await StartAsync(redis, serverSide: false);

        var state = await OAuthTestApp.StartLoginAsync(new TestBrowser(a.Client));
        var otherBrowser = new TestBrowser(b.Client);
        using var callback = await otherBrowser.GetAsync($"/auth?code=code-jdoe&state={state}");

        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
        Assert.Null(await SessionAsync(otherBrowser));
    }

    [Fact]
    public async Task Logout_on_B_revokes_session_on_A()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartAsync(redis, serverSide: true);
        await using var b = await StartAsync(redis, serverSide: true);
        var onA = new TestBrowser(a.Client);
        var onB = new TestBrowser(b.Client);
        var state = await OAuthTestApp.StartLoginAsync(onA);
        CopyCookies(onA, onB);
        using var callback = await onB.GetAsync($"/auth?code=code-jdoe&state={state}");
        CopyCookies(onB, onA);
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.NotNull(await SessionAsync(onA));

        // Copies of the session cookie, as someone who stole it would hold them. The logout deletes only the browser's own.
        var copiedOnA = new TestBrowser(a.Client);
        var copiedOnB = new TestBrowser(b.Client);
        CopyCookies(onA, copiedOnA);
        CopyCookies(onA, copiedOnB);
        using var logout = await onB.PostAsync("/auth?logout");

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Null(await SessionAsync(copiedOnA));
        Assert.Null(await SessionAsync(copiedOnB));
        Assert.DoesNotContain((await redis.ReadAllAsync()).Keys, key => key.Contains(":s:", StringComparison.Ordinal));
    }

    private Task<ScaleInstance> StartAsync(RedisServer redis, bool serverSide) =>
        ScaleInstance.StartWithOAuthAsync(redis, _time, serverSide, _provider.BaseUrl);

    private static void CopyCookies(TestBrowser from, TestBrowser to)
    {
        foreach (var (name, value) in from.Cookies)
        {
            to.SetCookie(name, value);
        }
    }

    // GET /auth returns the session as JSON, or 404 when the request has none.
    private static async Task<JsonElement?> SessionAsync(TestBrowser browser)
    {
        using var response = await browser.GetAsync("/auth");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }
}
