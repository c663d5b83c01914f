using System.Net;
using AsfQuart.Tests.OAuth.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace AsfQuart.Tests.Scaling;

/// <summary>
/// The Redis store of pending OAuth logins, which takes a login with GETDEL: of many callbacks with
/// one state, on two instances at the same moment, exactly one logs in.
/// </summary>
public sealed class RedisPendingLoginTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));
    private FakeAsfProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _provider = await FakeAsfProvider.StartAsync();
        _provider.AddCode("code-jdoe", AsfTokenResponses.JaneDoe);
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task Concurrent_callbacks_succeed_once()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartAsync(redis);
        await using var b = await StartAsync(redis);

        for (var round = 0; round < 5; round++)
        {
            var onA = new TestBrowser(a.Client);
            var state = await OAuthTestApp.StartLoginAsync(onA);
            var browsers = new[] { onA, new TestBrowser(b.Client) };
            foreach (var (name, value) in onA.Cookies)
            {
                browsers[1].SetCookie(name, value);
            }

            var callbacks = Enumerable.Range(0, 20)
                .Select(index => browsers[index % 2].GetAsync($"/auth?code=code-jdoe&state={state}"))
                .ToList();
            var responses = await Task.WhenAll(callbacks);
            var statuses = responses.Select(response => response.StatusCode).ToList();
            foreach (var response in responses)
            {
                response.Dispose();
            }

            Assert.Equal(1, statuses.Count(status => status == HttpStatusCode.OK));
            Assert.Equal(19, statuses.Count(status => status == HttpStatusCode.Forbidden));
        }
    }

    [Fact]
    public async Task Redis_cache_selects_redis_store()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartAsync(redis);

        await OAuthTestApp.StartLoginAsync(new TestBrowser(a.Client));
        var key = Assert.Single((await redis.ReadAllAsync()).Keys, key => key.Contains("oauth", StringComparison.Ordinal));
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.EndPoint);
        var timeToLive = await connection.GetDatabase().KeyTimeToLiveAsync(key);

        Assert.IsType<RedisPendingLoginStore>(a.App.Services.GetRequiredService<IPendingLoginStore>());
        Assert.StartsWith(ScaleInstance.ApplicationName + ":asfquart:oauth:login:", key, StringComparison.Ordinal);
        Assert.Equal(RedisType.String, await connection.GetDatabase().KeyTypeAsync(key));
        Assert.InRange(timeToLive!.Value, TimeSpan.FromSeconds(890), TimeSpan.FromSeconds(900));
    }

    [Fact]
    public async Task Registered_multiplexer_selects_redis_store()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.EndPoint);
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider, configureServices: services => services.AddSingleton<IConnectionMultiplexer>(connection));
        var browser = app.CreateBrowser();

        var state = await OAuthTestApp.StartLoginAsync(browser);
        var keys = (await redis.ReadAllAsync()).Keys;
        using var callback = await browser.GetAsync($"/auth?code=code-jdoe&state={state}");

        Assert.IsType<RedisPendingLoginStore>(app.App.Services.GetRequiredService<IPendingLoginStore>());
        Assert.Contains(keys, key => key.StartsWith("asfquart:oauth:login:", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.Empty((await redis.ReadAllAsync()).Keys);
    }

    [Fact]
    public async Task Cache_configuration_string_connects_store()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider, configureServices: services => services.AddStackExchangeRedisCache(options =>
        {
            options.Configuration = redis.EndPoint;
            options.InstanceName = "configured:";
        }));
        var browser = app.CreateBrowser();

        var state = await OAuthTestApp.StartLoginAsync(browser);
        var keys = (await redis.ReadAllAsync()).Keys;
        using var callback = await browser.GetAsync($"/auth?code=code-jdoe&state={state}");

        Assert.IsType<RedisPendingLoginStore>(app.App.Services.GetRequiredService<IPendingLoginStore>());
        Assert.Contains(keys, key => key.StartsWith("configured:asfquart:oauth:login:", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
    }

    [Fact]
    public async Task Stopped_redis_gives_503_then_recovers()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartAsync(redis);
        var browser = new TestBrowser(a.Client);

        await redis.StopAsync();
        using var duringOutage = await browser.GetAsync("/auth?login");
        await redis.StartAgainAsync();
        var recovered = await WaitForStatusAsync(browser, "/auth?login", HttpStatusCode.Found);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage.StatusCode);
        Assert.True(recovered, "Logins did not start again within 20 seconds of Redis coming back.");
    }

    private Task<ScaleInstance> StartAsync(RedisServer redis) =>
        ScaleInstance.StartWithOAuthAsync(redis, _time, serverSide: false, _provider.BaseUrl);

    private static async Task<bool> WaitForStatusAsync(TestBrowser browser, string url, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await browser.GetAsync(url);
            if (response.StatusCode == expected)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
