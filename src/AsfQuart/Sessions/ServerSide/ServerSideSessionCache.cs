using System.Globalization;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Runs the cache operations of the server-side session store on <see cref="IDistributedCache"/>, each
/// bounded by <see cref="ServerSideSessionOptions.OperationTimeout"/>, and sets the expiry of each kind of entry.
/// </summary>
/// <remarks>
/// Most <c>IDistributedCache</c> clients do not stop an operation when its token is cancelled
/// (StackExchange.Redis has no cancellation), so the timeout also stops waiting for the task.
/// </remarks>
internal sealed class ServerSideSessionCache(
    IDistributedCache cache,
    IOptions<AsfQuartOptions> options,
    IOptions<ServerSideSessionOptions> storeOptions,
    TimeProvider timeProvider) : IServerSideSessionCache
{
    // Tombstones and revocation markers outlive the idle timeout by this much, so a write that was
    // delayed in transit while a logout ran still finds its tombstone.
    internal static readonly TimeSpan MarkerMargin = TimeSpan.FromHours(1);

    private readonly TimeSpan _timeout = storeOptions.Value.OperationTimeout;

    public string KeyPrefix { get; } = storeOptions.Value.KeyPrefix + options.Value.AppId + ":";

    public TimeProvider TimeProvider => timeProvider;

    public bool SupportsCompareAndSet => false;

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        cache.GetAsync(key, cancellationToken).WaitAsync(_timeout, timeProvider, cancellationToken);

    // The cache extends the sliding expiry on the read itself, as RedisCache does on every GetAsync.
    public Task<byte[]?> GetPayloadAsync(string key, CancellationToken cancellationToken) => GetAsync(key, cancellationToken);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) =>
        cache.RemoveAsync(key, cancellationToken).WaitAsync(_timeout, timeProvider, cancellationToken);

    public async Task<bool> SetPayloadAsync(string key, byte[] value, Session session, CancellationToken cancellationToken)
    {
        var entryOptions = new DistributedCacheEntryOptions { SlidingExpiration = options.Value.IdleTimeout };
        if (options.Value.MaxSessionAge is { } maxSessionAge)
        {
            var remaining = session.CreatedAt + maxSessionAge - timeProvider.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            entryOptions.AbsoluteExpirationRelativeToNow = remaining;
        }

        await cache.SetAsync(key, value, entryOptions, cancellationToken).WaitAsync(_timeout, timeProvider, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task<PayloadReplaceResult> ReplacePayloadAsync(string key, byte[] expected, byte[] value, Session session, CancellationToken cancellationToken) =>
        throw new NotSupportedException("IDistributedCache has no compare-and-set.");

    public Task SetAccessAsync(string key, byte[] value, CancellationToken cancellationToken) =>
        SetAsync(key, value, options.Value.IdleTimeout, cancellationToken);

    public Task SetTombstoneAsync(string key, CancellationToken cancellationToken) =>
        SetAsync(key, "1"u8.ToArray(), options.Value.IdleTimeout + MarkerMargin, cancellationToken);

    public Task SetRevocationAsync(string key, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        SetAsync(key, FormatRevocation(revokedAt), options.Value.IdleTimeout + MarkerMargin, cancellationToken);

    public static byte[] FormatRevocation(DateTimeOffset revokedAt) =>
        Encoding.ASCII.GetBytes(revokedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    public static DateTimeOffset? ParseRevocation(byte[]? value) =>
        value is not null && long.TryParse(Encoding.ASCII.GetString(value), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;

    private Task SetAsync(string key, byte[] value, TimeSpan lifetime, CancellationToken cancellationToken) =>
        cache.SetAsync(key, value, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime }, cancellationToken)
            .WaitAsync(_timeout, timeProvider, cancellationToken);
}
