using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AsfQuart.Tests.Scaling;

/// <summary>
/// The rule for concurrent requests of one server-side session. A logout is never undone by a
/// request that read the session before it. A read-only request never overwrites a change. Changes
/// to different fields made from the same stale read are all kept, and with Redis commands so are
/// changes that reach Redis at the same moment.
/// </summary>
public abstract class ServerSideConcurrencyTests(bool redisCommands)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentDictionary<string, Gate> _gates = new();

    [Fact]
    public async Task Stale_changes_to_different_keys_are_both_kept()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartAsync(redis);
        await using var b = await StartAsync(redis);
        var cookie = await a.LoginAsync("jdoe");

        // Both requests read the session before either writes.
        var first = a.SendAsync(HttpMethod.Post, "/gated/write/one", cookie);
        var second = b.SendAsync(HttpMethod.Post, "/gated/write/two", cookie);
        await GateFor("one").Entered.Task;
        await GateFor("two").Entered.Task;
        GateFor("one").Release.SetResult();
        using var firstResponse = await first;
        GateFor("two").Release.SetResult();
        using var secondResponse = await second;

        var (status, session) = await a.MeAsync(cookie);
        Assert.Equal(HttpStatusCode.NoContent, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, secondResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(session?.GetProperty("metadata").GetProperty("one").GetBoolean());
        Assert.True(session?.GetProperty("metadata").GetProperty("two").GetBoolean());
    }

    [Fact]
    public async Task Read_only_request_never_overwrites_change()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartAsync(redis);
        await using var b = await StartAsync(redis);
        var cookie = await a.LoginAsync("jdoe");

        // Past the refresh interval, so the read-only request stores a new last-access time when it ends.
        _time.Advance(TimeSpan.FromMinutes(6));
        var reader = b.SendAsync(HttpMethod.Get, "/gated/read/reader", cookie);
        await GateFor("reader").Entered.Task;
        using var written = await a.SendAsync(HttpMethod.Post, "/metadata/written", cookie);
        GateFor("reader").Release.SetResult();
        using var readerResponse = await reader;

        var (status, session) = await b.MeAsync(cookie);
        Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readerResponse.StatusCode);
        Assert.NotNull(ScaleInstance.SessionCookie(readerResponse));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(session?.GetProperty("metadata").GetProperty("written").GetBoolean());
        Assert.Equal(_time.GetUtcNow(), session?.GetProperty("lastAccessedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Write_after_logout_does_not_resurrect_session()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartAsync(redis);
        await using var b = await StartAsync(redis);
        var cookie = await a.LoginAsync("jdoe");
        _time.Advance(TimeSpan.FromMinutes(6));

        var writer = b.SendAsync(HttpMethod.Post, "/gated/write/late", cookie);
        var reader = b.SendAsync(HttpMethod.Get, "/gated/read/late-reader", cookie);
        await GateFor("late").Entered.Task;
        await GateFor("late-reader").Entered.Task;
        using var logout = await a.SendAsync(HttpMethod.Post, "/logout", cookie);
        GateFor("late").Release.SetResult();
        GateFor("late-reader").Release.SetResult();
        using var writerResponse = await writer;
        using var readerResponse = await reader;

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.True(ScaleInstance.DeletesSessionCookie(writerResponse));
        Assert.True(ScaleInstance.DeletesSessionCookie(readerResponse));
        Assert.Equal(HttpStatusCode.Unauthorized, (await a.MeAsync(cookie)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await b.MeAsync(cookie)).Status);
        Assert.DoesNotContain((await redis.ReadAllAsync()).Keys, key => key.Contains(":s:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logout_amid_concurrent_requests_stays_final()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartAsync(redis);
        await using var b = await StartAsync(redis);

        for (var round = 0; round < 5; round++)
        {
            var cookie = await a.LoginAsync("jdoe");
            _time.Advance(TimeSpan.FromMinutes(6));

            var requests = Enumerable.Range(0, 40)
                .Select(index => (index % 2 == 0 ? a : b).SendAsync(
                    index % 3 == 0 ? HttpMethod.Get : HttpMethod.Post,
                    index % 3 == 0 ? "/me" : $"/metadata/key{index}",
                    cookie))
                .ToList();
            requests.Insert(20, a.SendAsync(HttpMethod.Post, "/logout", cookie));
            var responses = await Task.WhenAll(requests);
            foreach (var response in responses)
            {
                Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
                response.Dispose();
            }

            Assert.Equal(HttpStatusCode.Unauthorized, (await a.MeAsync(cookie)).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await b.MeAsync(cookie)).Status);
        }

        Assert.DoesNotContain((await redis.ReadAllAsync()).Keys, key => key.Contains(":s:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sequential_changes_from_many_instances_all_kept()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartAsync(redis);
        await using var b = await StartAsync(redis);
        var cookie = await a.LoginAsync("jdoe");
        _time.Advance(TimeSpan.FromMinutes(6));

        // Readers run the whole time; every change still survives them.
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(index => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await (index % 2 == 0 ? a : b).SendAsync(HttpMethod.Get, "/me", cookie);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        })).ToList();
        for (var index = 0; index < 20; index++)
        {
            using var response = await (index % 2 == 0 ? b : a).SendAsync(HttpMethod.Post, $"/metadata/key{index}", cookie);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        var (_, session) = await a.MeAsync(cookie);
        var metadata = session!.Value.GetProperty("metadata");
        for (var index = 0; index < 20; index++)
        {
            Assert.True(metadata.TryGetProperty($"key{index}", out _), $"key{index} was lost");
        }
    }

    private Task<ScaleInstance> StartAsync(RedisServer redis) =>
        ScaleInstance.StartAsync(redis, _time, serverSide: true, mapEndpoints: MapGatedEndpoints, redisCommands: redisCommands);

    private Gate GateFor(string name) => _gates.GetOrAdd(name, _ => new Gate());

    // Endpoints that resolve the session, then wait until the test lets them finish.
    private void MapGatedEndpoints(WebApplication app)
    {
        var gated = app.MapGroup("/gated").RequireAsfSession();
        gated.MapPost("/write/{key}", async (HttpContext context, Session session, string key) =>
        {
            var gate = GateFor(key);
            gate.Entered.SetResult();
            await gate.Release.Task;
            context.WriteAsfSession(session.WithMetadata(key, true));
            return Results.NoContent();
        });
        gated.MapGet("/read/{key}", async (Session session, string key) =>
        {
            var gate = GateFor(key);
            gate.Entered.SetResult();
            await gate.Release.Task;
            return Results.Ok(session.Uid);
        });
    }

    private sealed class Gate
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>Runs the concurrency tests with the Redis-specific store, which stores changes with compare-and-set.</summary>
public sealed class RedisServerSideConcurrencyTests() : ServerSideConcurrencyTests(redisCommands: true)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Concurrent_changes_all_kept()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide: true);
        await using var b = await ScaleInstance.StartAsync(redis, _time, serverSide: true);
        var cookie = await a.LoginAsync("jdoe");

        for (var round = 0; round < 3; round++)
        {
            var requests = Enumerable.Range(0, 30)
                .Select(index => (index % 2 == 0 ? a : b).SendAsync(HttpMethod.Post, $"/metadata/round{round}-key{index}", cookie))
                .ToList();
            var responses = await Task.WhenAll(requests);
            foreach (var response in responses)
            {
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
                response.Dispose();
            }
        }

        var (status, session) = await b.MeAsync(cookie);
        Assert.Equal(HttpStatusCode.OK, status);
        var metadata = session!.Value.GetProperty("metadata");
        for (var round = 0; round < 3; round++)
        {
            for (var index = 0; index < 30; index++)
            {
                Assert.True(metadata.TryGetProperty($"round{round}-key{index}", out _), $"round{round}-key{index} was lost");
            }
        }
    }

    [Fact]
    public async Task Redis_cache_selects_redis_store()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide: true, configure: options => options.MaxSessionAge = TimeSpan.FromHours(1));
        await a.LoginAsync("jdoe");

        var key = Assert.Single((await redis.ReadAllAsync()).Keys, key => key.Contains(":s:", StringComparison.Ordinal));
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.EndPoint);
        var database = connection.GetDatabase();
        var fields = (await database.HashKeysAsync(key)).Select(field => field.ToString()).Order(StringComparer.Ordinal).ToList();
        var timeToLive = await database.KeyTimeToLiveAsync(key);
        var absoluteExpiry = (long)await database.HashGetAsync(key, "a");

        Assert.IsType<RedisServerSideSessionCache>(a.App.Services.GetRequiredService<IServerSideSessionCache>());
        Assert.StartsWith(ScaleInstance.ApplicationName + ":asfquart:refapp:redis:s:", key, StringComparison.Ordinal);
        Assert.Equal(["a", "d"], fields);
        Assert.Equal(_time.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds(), absoluteExpiry);

        // The maximum age is shorter than the idle timeout of 7 days, so it bounds the time to live.
        Assert.InRange(timeToLive!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(60));
    }
}

/// <summary>Runs the concurrency tests with only <c>IDistributedCache</c> operations, as with a cache other than Redis.</summary>
public sealed class DistributedCacheServerSideConcurrencyTests() : ServerSideConcurrencyTests(redisCommands: false);
