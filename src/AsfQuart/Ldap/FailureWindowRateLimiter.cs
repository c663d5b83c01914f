using System.Threading.RateLimiting;

namespace AsfQuart;

/// <summary>
/// A fixed-window rate limiter that reads time from a <see cref="TimeProvider"/>, so tests move a fake
/// clock instead of waiting. The <see cref="FixedWindowRateLimiter"/> of System.Threading.RateLimiting
/// (.NET 10) reads the real clock only.
/// </summary>
/// <remarks>
/// Acquiring 0 permits checks whether any permit is left without using one. Requests are never
/// queued: a request without permits fails at once, with the time until the window ends as
/// <see cref="MetadataName.RetryAfter"/>.
/// </remarks>
internal sealed class FailureWindowRateLimiter(int permitLimit, TimeSpan window, TimeProvider timeProvider) : RateLimiter
{
    private readonly Lock _lock = new();
    private long _windowStart = timeProvider.GetTimestamp();
    private long _idleSince = timeProvider.GetTimestamp();
    private int _used;
    private long _successfulLeases;
    private long _failedLeases;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                Refresh();
                return _used == 0 ? timeProvider.GetElapsedTime(_idleSince) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Refresh();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = permitLimit - _used,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _successfulLeases,
                TotalFailedLeases = _failedLeases,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, permitLimit);

        lock (_lock)
        {
            Refresh();
            var available = permitLimit - _used;
            var granted = permitCount == 0 ? available > 0 : available >= permitCount;
            if (!granted)
            {
                _failedLeases++;
                return new Lease(false, window - timeProvider.GetElapsedTime(_windowStart));
            }

            _used += permitCount;
            _successfulLeases++;
            return new Lease(true, null);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    // Starts a new window once the current one has passed.
    private void Refresh()
    {
        if (timeProvider.GetElapsedTime(_windowStart) < window)
        {
            return;
        }

        _windowStart = timeProvider.GetTimestamp();
        if (_used > 0)
        {
            _used = 0;
            _idleSince = _windowStart;
        }
    }

    private sealed class Lease(bool isAcquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired { get; } = isAcquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } value && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = value;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
