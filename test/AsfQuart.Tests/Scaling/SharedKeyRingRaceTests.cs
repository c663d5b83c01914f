using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace AsfQuart.Tests.Scaling;

/// <summary>Two instances that start at the same moment against an empty key ring.</summary>
public sealed class SharedKeyRingRaceTests
{
    [Fact]
    public async Task Simultaneous_start_shares_cookies()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));
        await using var redis = await RedisServer.StartAsync();
        var started = await Task.WhenAll(ScaleInstance.StartAsync(redis, time, serverSide: false), ScaleInstance.StartAsync(redis, time, serverSide: false));
        await using var a = started[0];
        await using var b = started[1];

        var logins = await Task.WhenAll(a.LoginAsync("jdoe"), b.LoginAsync("mmember"));
        var keys = (await redis.ReadAllAsync())["asfquart:data-protection-keys"];

        Assert.Equal(HttpStatusCode.OK, (await b.MeAsync(logins[0])).Status);
        Assert.Equal(HttpStatusCode.OK, (await a.MeAsync(logins[1])).Status);
        // Each instance may create its own first key when both find the ring empty; both keys are then in Redis.
        Assert.InRange(keys.Split("<key id=").Length - 1, 1, 2);
    }
}
