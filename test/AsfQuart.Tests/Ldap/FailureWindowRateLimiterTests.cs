using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace AsfQuart.Tests.Ldap;

public sealed class FailureWindowRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Check_uses_no_permit()
    {
        using var limiter = new FailureWindowRateLimiter(1, TimeSpan.FromMinutes(1), _time);

        using var first = limiter.AttemptAcquire(0);
        using var second = limiter.AttemptAcquire(0);

        Assert.True(first.IsAcquired);
        Assert.True(second.IsAcquired);
        Assert.Equal(1, limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public void Exhausted_window_reports_retry_after()
    {
        using var limiter = new FailureWindowRateLimiter(2, TimeSpan.FromMinutes(10), _time);
        limiter.AttemptAcquire().Dispose();
        limiter.AttemptAcquire().Dispose();
        _time.Advance(TimeSpan.FromMinutes(4));

        using var lease = limiter.AttemptAcquire(0);

        Assert.False(lease.IsAcquired);
        Assert.True(lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(6), retryAfter);
    }

    [Fact]
    public void New_window_restores_permits()
    {
        using var limiter = new FailureWindowRateLimiter(1, TimeSpan.FromMinutes(10), _time);
        limiter.AttemptAcquire().Dispose();
        Assert.Null(limiter.IdleDuration);

        _time.Advance(TimeSpan.FromMinutes(10));
        using var lease = limiter.AttemptAcquire();

        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public void Limiter_is_idle_after_window_passes()
    {
        using var limiter = new FailureWindowRateLimiter(1, TimeSpan.FromMinutes(10), _time);
        limiter.AttemptAcquire().Dispose();

        _time.Advance(TimeSpan.FromMinutes(12));
        var idleAtCheck = limiter.IdleDuration;
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.Zero, idleAtCheck);
        Assert.Equal(TimeSpan.FromMinutes(1), limiter.IdleDuration);
    }
}
