using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace AsfQuart;

/// <summary>
/// Keeps started logins in the registered <see cref="IDistributedCache"/>, so a callback may reach
/// another instance than the one that started the login. Entries expire in the cache after the state
/// lifetime, so unfinished logins do not accumulate.
/// </summary>
internal sealed class DistributedPendingLoginStore(
    IDistributedCache cache,
    ILogger<DistributedPendingLoginStore> logger) : IPendingLoginStore
{
    public async ValueTask AddAsync(string state, PendingLogin login, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var value = JsonSerializer.SerializeToUtf8Bytes(login, PendingLoginJsonContext.Default.PendingLogin);
        var entryOptions = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime };
        await cache.SetAsync(PendingLoginKeys.CacheKey(state), value, entryOptions, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<PendingLogin?> TakeAsync(string state, CancellationToken cancellationToken)
    {
        var key = PendingLoginKeys.CacheKey(state);

        // NOTE: IDistributedCache has no atomic get-and-delete, so two instances that receive the same
        // callback at the same moment could both read the entry before either removes it. With Redis,
        // RedisPendingLoginStore is used instead and closes that race.
        var value = await cache.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (value is null)
        {
            return null;
        }

        await cache.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(value, PendingLoginJsonContext.Default.PendingLogin);
        }
        catch (JsonException exception)
        {
            Log.PendingLoginUnreadable(logger, exception);
            return null;
        }
    }
}
