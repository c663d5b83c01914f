using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AsfQuart;

/// <summary>
/// Keeps started logins in Redis and takes them with <c>GETDEL</c> (Redis 6.2 or later), so of several
/// callbacks with one state, on any instances and at the same moment, exactly one gets the login.
/// </summary>
internal sealed class RedisPendingLoginStore(RedisConnection redis, ILogger<RedisPendingLoginStore> logger) : IPendingLoginStore
{
    public async ValueTask AddAsync(string state, PendingLogin login, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var value = JsonSerializer.SerializeToUtf8Bytes(login, PendingLoginJsonContext.Default.PendingLogin);
        var database = await redis.GetDatabaseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        await database.StringSetAsync(Key(state), value, lifetime).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<PendingLogin?> TakeAsync(string state, CancellationToken cancellationToken)
    {
        var database = await redis.GetDatabaseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var value = await database.StringGetDeleteAsync(Key(state)).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (value.IsNull)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize((byte[])value!, PendingLoginJsonContext.Default.PendingLogin);
        }
        catch (JsonException exception)
        {
            Log.PendingLoginUnreadable(logger, exception);
            return null;
        }
    }

    // Another key than that of DistributedPendingLoginStore, whose RedisCache entries are hashes. While instances with
    // both stores run, a callback that reaches the other store finds no login (403) rather than failing with WRONGTYPE (503).
    private RedisKey Key(string state) => redis.KeyPrefix + "asfquart:oauth:login:" + PendingLoginKeys.Hash(state);
}
