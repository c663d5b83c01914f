using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace AsfQuart.Tests.Scaling;

/// <summary>
/// Two instances with separate content roots and key caches, sharing the Data Protection key ring
/// and <see cref="IDistributedCache"/> in one real redis-server.
/// </summary>
public sealed class SharedKeyRingTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cookie_from_A_works_on_B(bool serverSide)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide);
        await using var b = await ScaleInstance.StartAsync(redis, _time, serverSide);

        var cookie = await a.LoginAsync("jdoe");
        var (status, session) = await b.MeAsync(cookie);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("jdoe", session?.GetProperty("uid").GetString());
        Assert.Equal("Full name of jdoe", session?.GetProperty("fullName").GetString());
    }

    [Fact]
    public async Task Cookie_from_another_application_name_is_rejected()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide: false);
        await using var other = await ScaleInstance.StartAsync(redis, _time, serverSide: false, applicationName: "otherapp");

        var cookie = await a.LoginAsync("jdoe");
        var (status, _) = await other.MeAsync(cookie);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Instance_started_later_reads_existing_keys()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide: false);
        var cookie = await a.LoginAsync("jdoe");

        await using var later = await ScaleInstance.StartAsync(redis, _time, serverSide: false);
        var (status, _) = await later.MeAsync(cookie);

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
