using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace AsfQuart.Tests.Scaling;

/// <summary>
/// Server-side sessions on two instances sharing one real redis-server: logout and revocation
/// reach every instance, a login always gets a new id, and Redis contains no readable session field.
/// </summary>
public sealed class ServerSideSessionTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Cookie_carries_only_protected_id()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide: true);

        var cookie = await a.LoginAsync("jdoe");
        var value = cookie.Split('=', 2)[1];

        // A Data Protection payload of 32 random bytes is about 150 characters; the full session would be longer.
        Assert.InRange(value.Length, 100, 250);
        Assert.DoesNotContain("chunks-", value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redis_holds_no_readable_session_field()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide: true);
        var cookie = await a.LoginAsync("jdoe");
        _time.Advance(TimeSpan.FromMinutes(6));
        using var refreshed = await a.SendAsync(HttpMethod.Get, "/me", cookie);
        using var written = await a.SendAsync(HttpMethod.Post, "/metadata/secretflag", cookie);

        var values = await redis.ReadAllAsync();

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);
        Assert.Contains(values.Keys, key => key.Contains(":s:", StringComparison.Ordinal));
        Assert.Contains(values.Keys, key => key.Contains(":a:", StringComparison.Ordinal));
        foreach (var (key, value) in values)
        {
            Assert.DoesNotContain("jdoe", key, StringComparison.Ordinal);
            Assert.DoesNotContain("jdoe", value, StringComparison.Ordinal);
            Assert.DoesNotContain("Full name", value, StringComparison.Ordinal);
            Assert.DoesNotContain("secretflag", value, StringComparison.Ordinal);
            Assert.DoesNotContain("httpd", value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Logout_on_A_revokes_copied_cookie_on_B()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide: true);
        await using var b = await ScaleInstance.StartAsync(redis, _time, serverSide: true);
        var cookie = await a.LoginAsync("jdoe");
        var copied = cookie;

        using var logout = await a.SendAsync(HttpMethod.Post, "/logout", cookie);
        var (onB, _) = await b.MeAsync(copied);
        var (onA, _) = await a.MeAsync(copied);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.True(ScaleInstance.DeletesSessionCookie(logout));
        Assert.Equal(HttpStatusCode.Unauthorized, onB);
        Assert.Equal(HttpStatusCode.Unauthorized, onA);
    }

    [Fact]
    public async Task Encrypted_cookie_survives_logout_without_store()
    {
        // The behaviour that server-side sessions fix: without them a copied cookie outlives the logout.
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide: false);
        await using var b = await ScaleInstance.StartAsync(redis, _time, serverSide: false);
        var cookie = await a.LoginAsync("jdoe");

        using var logout = await a.SendAsync(HttpMethod.Post, "/logout", cookie);
        var (onB, _) = await b.MeAsync(cookie);

        Assert.True(ScaleInstance.DeletesSessionCookie(logout));
        Assert.Equal(HttpStatusCode.OK, onB);
    }

    [Fact]
    public async Task Revoking_user_logs_out_all_their_sessions()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide: true);
        await using var b = await ScaleInstance.StartAsync(redis, _time, serverSide: true);
        var laptop = await a.LoginAsync("jdoe");
        var phone = await b.LoginAsync("jdoe");
        var other = await a.LoginAsync("mmember");
        var admin = await a.LoginAsync("root");
        _time.Advance(TimeSpan.FromMilliseconds(1));

        using var revoke = await a.SendAsync(HttpMethod.Post, "/admin/revoke/jdoe", admin);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var afterRevocation = await b.LoginAsync("jdoe");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await b.MeAsync(laptop)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await a.MeAsync(phone)).Status);
        Assert.Equal(HttpStatusCode.OK, (await b.MeAsync(other)).Status);
        Assert.Equal(HttpStatusCode.OK, (await a.MeAsync(afterRevocation)).Status);
        Assert.Contains(a.Logs.GetSnapshot(), record => record.Id.Name == "UserSessionsRevoked");
    }

    [Fact]
    public async Task Login_issues_new_id_and_ends_old_one()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide: true);
        await using var b = await ScaleInstance.StartAsync(redis, _time, serverSide: true);
        var before = await a.LoginAsync("jdoe");

        // The same user, the same instant and the same browser: only the login itself differs.
        var after = await a.LoginAsync("jdoe", before);

        Assert.NotEqual(before, after);
        Assert.Equal(HttpStatusCode.Unauthorized, (await b.MeAsync(before)).Status);
        Assert.Equal(HttpStatusCode.OK, (await b.MeAsync(after)).Status);
    }

    [Fact]
    public async Task Planted_id_is_not_adopted_by_login()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide: true);

        // An attacker's own valid session cookie, planted in the victim's browser before the victim logs in.
        var planted = await a.LoginAsync("attacker");
        var victim = await a.LoginAsync("jdoe", planted);

        var (plantedStatus, _) = await a.MeAsync(planted);
        var (victimStatus, session) = await a.MeAsync(victim);

        Assert.Equal(HttpStatusCode.Unauthorized, plantedStatus);
        Assert.Equal(HttpStatusCode.OK, victimStatus);
        Assert.Equal("jdoe", session?.GetProperty("uid").GetString());
    }

    [Fact]
    public async Task Change_on_A_visible_on_B()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide: true);
        await using var b = await ScaleInstance.StartAsync(redis, _time, serverSide: true);
        var cookie = await a.LoginAsync("jdoe");

        using var written = await a.SendAsync(HttpMethod.Post, "/metadata/seen", cookie);
        var (status, session) = await b.MeAsync(cookie);

        Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);
        Assert.Equal(cookie, ScaleInstance.SessionCookie(written) ?? cookie);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(session?.GetProperty("metadata").GetProperty("seen").GetBoolean());
    }

    [Fact]
    public async Task Idle_session_expires_and_used_one_does_not()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide: true, configure: options => options.IdleTimeout = TimeSpan.FromHours(1));
        await using var b = await ScaleInstance.StartAsync(redis, _time, serverSide: true, configure: options => options.IdleTimeout = TimeSpan.FromHours(1));
        var used = await a.LoginAsync("jdoe");
        var idle = await a.LoginAsync("mmember");

        for (var step = 0; step < 4; step++)
        {
            _time.Advance(TimeSpan.FromMinutes(40));
            Assert.Equal(HttpStatusCode.OK, (await (step % 2 == 0 ? b : a).MeAsync(used)).Status);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await b.MeAsync(idle)).Status);
    }

    [Fact]
    public async Task Maximum_age_ends_active_session()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide: true, configure: options => options.MaxSessionAge = TimeSpan.FromHours(2));
        var cookie = await a.LoginAsync("jdoe");

        _time.Advance(TimeSpan.FromMinutes(100));
        var (beforeLimit, _) = await a.MeAsync(cookie);
        _time.Advance(TimeSpan.FromMinutes(30));
        var (afterLimit, _) = await a.MeAsync(cookie);

        Assert.Equal(HttpStatusCode.OK, beforeLimit);
        Assert.Equal(HttpStatusCode.Unauthorized, afterLimit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-base64-!!")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Forged_cookie_counts_as_no_session(string value)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide: true);

        var (status, _) = await a.MeAsync("__Host-refapp=" + value);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Altered_cookie_counts_as_no_session()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide: true);
        var cookie = await a.LoginAsync("jdoe");
        var last = cookie[^1];
        var altered = cookie[..^1] + (last == 'A' ? 'B' : 'A');

        var (status, _) = await a.MeAsync(altered);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Megabyte_cookie_counts_as_no_session()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ScaleInstance.StartAsync(redis, _time, serverSide: true);

        var (status, _) = await a.MeAsync("__Host-refapp=" + new string('A', 1 << 20));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
