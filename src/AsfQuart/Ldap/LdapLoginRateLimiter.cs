using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Counts failed Basic logins per user id and per client address in partitioned rate limiters. A user
/// id or address that has used up its failures in the window gets its further attempts rejected,
/// even with the right password. Successful logins are not counted.
/// </summary>
/// <remarks>
/// Limiting the user id stops guessing one account from many addresses; limiting the address stops
/// trying many accounts from one. The price is that anyone can lock an account out of Basic
/// authentication for one window by sending wrong passwords for it. Cookie sessions are unaffected.
/// </remarks>
internal sealed class LdapLoginRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _users;
    private readonly PartitionedRateLimiter<string> _addresses;
    private readonly ILogger<LdapLoginRateLimiter> _logger;

    public LdapLoginRateLimiter(IOptions<LdapOptions> options, TimeProvider timeProvider, ILogger<LdapLoginRateLimiter> logger)
    {
        var settings = options.Value;
        _users = CreateLimiter(settings.FailedAttemptsPerUser, settings.FailedAttemptWindow, timeProvider);
        _addresses = CreateLimiter(settings.FailedAttemptsPerAddress, settings.FailedAttemptWindow, timeProvider);
        _logger = logger;
    }

    /// <summary>Throws when the user id or the address has no failed attempts left in the current window.</summary>
    /// <exception cref="AuthenticationRateLimitedException">Too many failed attempts.</exception>
    public void ThrowIfLimited(string userId, IPAddress? address)
    {
        // NOTE: the check and the later count are separate steps, so concurrent attempts that all
        // pass the check before the first failure is counted can go past the limit.
        CheckPartition(_users, "user id", UserKey(userId));
        CheckPartition(_addresses, "client address", AddressKey(address));
    }

    /// <summary>Counts a failed attempt against the user id and the address.</summary>
    public void RecordFailure(string userId, IPAddress? address)
    {
        RecordFailure(_users, "user id", UserKey(userId));
        RecordFailure(_addresses, "client address", AddressKey(address));
    }

    public void Dispose()
    {
        _users.Dispose();
        _addresses.Dispose();
    }

    private void CheckPartition(PartitionedRateLimiter<string> limiter, string partition, string key)
    {
        using var lease = limiter.AttemptAcquire(key, 0);
        if (lease.IsAcquired)
        {
            return;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var value) ? value : (TimeSpan?)null;
        throw new AuthenticationRateLimitedException(retryAfter);
    }

    // Logs once per window, when the failure that uses up the budget is counted, so a flood of
    // rejected attempts does not flood the log.
    private void RecordFailure(PartitionedRateLimiter<string> limiter, string partition, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired && limiter.GetStatistics(key)?.CurrentAvailablePermits == 0)
        {
            LdapLog.LoginRateLimited(_logger, partition, key);
        }
    }

    // LDAP compares user ids without regard to case, so JDoe and jdoe share one budget.
    private static string UserKey(string userId) => userId.ToUpperInvariant();

    // Without an address (for example an in-process test server) every such request shares one budget.
    // TODO: an IPv6 client usually controls a whole /64, so counting per /64 prefix would stop it from
    // changing address to get a fresh budget.
    private static string AddressKey(IPAddress? address) => address switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
        _ => address.ToString(),
    };

    private static PartitionedRateLimiter<string> CreateLimiter(int permitLimit, TimeSpan window, TimeProvider timeProvider) =>
        PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.Get(key, _ => new FailureWindowRateLimiter(permitLimit, window, timeProvider)));
}
