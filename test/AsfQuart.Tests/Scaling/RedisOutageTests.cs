using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AsfQuart.Tests.Scaling;

/// <summary>
/// Server-side sessions when Redis stops or stops answering: a prompt 503 for requests that need a
/// session, no effect on requests that do not, and recovery without restarting the instances.
/// These tests use the system clock, because the timeouts under test are real. They run with each
/// server-side store.
/// </summary>
public abstract class RedisOutageTests(bool redisCommands)
{
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Stopped_redis_gives_503_then_recovers()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartAsync(redis);
        await using var b = await StartAsync(redis);
        var cookie = await a.LoginAsync("jdoe");
        Assert.Equal(HttpStatusCode.OK, (await b.MeAsync(cookie)).Status);

        await redis.StopAsync();
        var watch = Stopwatch.StartNew();
        using var duringOutage = await b.SendAsync(HttpMethod.Get, "/me", cookie);
        var elapsed = watch.Elapsed;
        var body = await duringOutage.Content.ReadAsStringAsync();
        using var login = await a.SendAsync(HttpMethod.Post, "/login/mmember", null);
        using var publicPage = await b.SendAsync(HttpMethod.Get, "/public", cookie);
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/me");
        withToken.Headers.Add("Cookie", cookie);
        withToken.Headers.Add("Authorization", "Bearer " + TestSessions.RoleToken);
        using var tokenResponse = await b.Client.SendAsync(withToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage.StatusCode);
        Assert.Contains("unavailable", body, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, login.StatusCode);
        Assert.Null(ScaleInstance.SessionCookie(login));
        Assert.Equal(HttpStatusCode.OK, publicPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);

        // Started again on the same port, empty: the old session is gone, new logins work on both instances.
        await redis.StartAgainAsync();
        var newCookie = await EventuallyAsync(async () =>
        {
            using var response = await a.SendAsync(HttpMethod.Post, "/login/mmember", null);
            return response.StatusCode == HttpStatusCode.OK ? ScaleInstance.SessionCookie(response) : null;
        });
        var recovered = await EventuallyAsync(async () => (await b.MeAsync(newCookie)).Status == HttpStatusCode.OK ? "ok" : null);
        var oldCookie = await b.MeAsync(cookie);

        Assert.Equal("ok", recovered);
        Assert.Equal(HttpStatusCode.Unauthorized, oldCookie.Status);
        foreach (var record in a.Logs.GetSnapshot().Concat(b.Logs.GetSnapshot()))
        {
            Assert.DoesNotContain(cookie.Split('=', 2)[1], record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(newCookie.Split('=', 2)[1], record.Message, StringComparison.Ordinal);
        }

        Assert.Contains(b.Logs.GetSnapshot(), record => record.Id.Name == "SessionStoreReadFailed");
    }

    [Fact]
    public async Task Unresponsive_redis_gives_503_within_timeout()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartAsync(redis);
        await using var b = await StartAsync(redis);
        var cookie = await a.LoginAsync("jdoe");

        await redis.PauseAsync();
        var watch = Stopwatch.StartNew();
        var (duringPause, _) = await b.MeAsync(cookie);
        var elapsed = watch.Elapsed;
        await redis.ResumeAsync();

        // The data survived the pause, so the same cookie works again.
        var recovered = await EventuallyAsync(async () => (await a.MeAsync(cookie)).Status == HttpStatusCode.OK ? "ok" : null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringPause);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(2500));
        Assert.Equal("ok", recovered);
    }

    [Fact]
    public async Task Logout_during_outage_reports_503()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartAsync(redis);
        var cookie = await a.LoginAsync("jdoe");
        Assert.Equal(HttpStatusCode.OK, (await a.MeAsync(cookie)).Status);

        // The session is resolved before the pause, so only the delete meets the outage.
        await redis.PauseAsync();
        using var logout = await a.SendAsync(HttpMethod.Post, "/logout-unguarded", cookie);
        await redis.ResumeAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, logout.StatusCode);
        Assert.True(ScaleInstance.DeletesSessionCookie(logout));
        Assert.Contains(a.Logs.GetSnapshot(), record => record.Id.Name == "SessionStoreDeleteFailed");
    }

    [Fact]
    public async Task Change_during_outage_keeps_old_session()
    {
        await using var redis = await RedisServer.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var a = await StartAsync(redis, app => app.MapPost("/gated-change", async (HttpContext context, Session session) =>
        {
            entered.SetResult();
            await gate.Task;
            context.WriteAsfSession(session.WithMetadata("changed", true));
            return Results.NoContent();
        }).RequireAsfSession());
        var cookie = await a.LoginAsync("jdoe");

        // The session is read while Redis is up; the change is stored while it is paused.
        var change = a.SendAsync(HttpMethod.Post, "/gated-change", cookie);
        await entered.Task;
        await redis.PauseAsync();
        gate.SetResult();
        using var response = await change;
        await redis.ResumeAsync();
        var (status, session) = await EventuallyOkAsync(a, cookie);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", response.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(session.GetProperty("metadata").TryGetProperty("changed", out _));
        Assert.Contains(a.Logs.GetSnapshot(), record => record.Id.Name == "SessionStoreWriteFailed");
    }

    [Fact]
    public async Task Refresh_during_outage_keeps_response()
    {
        await using var redis = await RedisServer.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var a = await StartAsync(
            redis,
            app => app.MapGet("/gated-read", async (Session session) =>
            {
                entered.SetResult();
                await gate.Task;
                return session.Uid;
            }).RequireAsfSession(),
            options => options.RefreshInterval = TimeSpan.FromMilliseconds(1));
        var cookie = await a.LoginAsync("jdoe");
        await Task.Delay(10);

        var read = a.SendAsync(HttpMethod.Get, "/gated-read", cookie);
        await entered.Task;
        await redis.PauseAsync();
        gate.SetResult();
        using var response = await read;
        await redis.ResumeAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(cookie, ScaleInstance.SessionCookie(response));
        Assert.Contains(a.Logs.GetSnapshot(), record => record.Id.Name == "SessionStoreRefreshFailed");
    }

    private Task<ScaleInstance> StartAsync(RedisServer redis, Action<WebApplication>? mapEndpoints = null, Action<AsfQuartOptions>? configure = null) =>
        ScaleInstance.StartAsync(
            redis,
            TimeProvider.System,
            serverSide: true,
            configure: configure,
            configureStore: options => options.OperationTimeout = TimeSpan.FromMilliseconds(500),
            mapEndpoints: mapEndpoints,
            redisCommands: redisCommands);

    private static async Task<(HttpStatusCode Status, JsonElement Session)> EventuallyOkAsync(ScaleInstance instance, string cookie)
    {
        var deadline = DateTime.UtcNow + RecoveryLimit;
        while (true)
        {
            var (status, session) = await instance.MeAsync(cookie);
            if (status == HttpStatusCode.OK)
            {
                return (status, session!.Value);
            }

            Assert.True(DateTime.UtcNow < deadline, $"The instance did not recover within {RecoveryLimit.TotalSeconds} seconds after Redis came back.");
            await Task.Delay(100);
        }
    }

    private static async Task<string> EventuallyAsync(Func<Task<string?>> attempt)
    {
        var deadline = DateTime.UtcNow + RecoveryLimit;
        while (true)
        {
            if (await attempt() is { } result)
            {
                return result;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The instances did not recover within {RecoveryLimit.TotalSeconds} seconds after Redis came back.");
            await Task.Delay(100);
        }
    }
}

/// <summary>Runs the outage tests with the Redis-specific store.</summary>
public sealed class RedisStoreOutageTests() : RedisOutageTests(redisCommands: true);

/// <summary>Runs the outage tests with only <c>IDistributedCache</c> operations, as with a cache other than Redis.</summary>
public sealed class DistributedCacheStoreOutageTests() : RedisOutageTests(redisCommands: false);
