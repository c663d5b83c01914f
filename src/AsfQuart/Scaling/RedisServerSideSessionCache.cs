using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AsfQuart;

/// <summary>
/// Runs the cache operations of the server-side session store on Redis, so a changed session can be
/// stored with compare-and-set: a write lands only when the session is still the version its request
/// merged into.
/// </summary>
/// <remarks>
/// A session is a hash of its encrypted value (<c>d</c>) and its absolute expiry in Unix milliseconds
/// (<c>a</c>, 0 for none). Scripts apply the sliding expiry, capped at the absolute one, on every read
/// and write. Each script touches one key, so it also runs on Redis Cluster. The keys contain
/// <c>:redis:</c>, so they never collide with the entries that the <c>IDistributedCache</c> store wrote
/// before an application switched to this one.
/// </remarks>
internal sealed class RedisServerSideSessionCache(
    RedisConnection redis,
    IOptions<AsfQuartOptions> options,
    IOptions<ServerSideSessionOptions> storeOptions,
    TimeProvider timeProvider) : IServerSideSessionCache
{
    private const string ReadScript = """
        local stored = redis.call('HMGET', KEYS[1], 'd', 'a')
        if not stored[1] then return false end
        local ttl = tonumber(ARGV[1])
        local absolute = tonumber(stored[2])
        if absolute and absolute > 0 then
          local left = absolute - tonumber(ARGV[2])
          if left <= 0 then
            redis.call('DEL', KEYS[1])
            return false
          end
          if left < ttl then ttl = left end
        end
        redis.call('PEXPIRE', KEYS[1], ttl)
        return stored[1]
        """;

    private const string SetScript = """
        redis.call('HSET', KEYS[1], 'd', ARGV[1], 'a', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    private const string ReplaceScript = """
        if redis.call('HGET', KEYS[1], 'd') ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'd', ARGV[2], 'a', ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return 1
        """;

    private readonly TimeSpan _timeout = storeOptions.Value.OperationTimeout;

    public string KeyPrefix { get; } = storeOptions.Value.KeyPrefix + options.Value.AppId + ":redis:";

    public TimeProvider TimeProvider => timeProvider;

    public bool SupportsCompareAndSet => true;

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        RunAsync(async database => (byte[]?)await database.StringGetAsync(Key(key)).ConfigureAwait(false), cancellationToken);

    public Task<byte[]?> GetPayloadAsync(string key, CancellationToken cancellationToken) =>
        RunAsync(
            async database => (byte[]?)await database.ScriptEvaluateAsync(
                ReadScript,
                [Key(key)],
                [(long)options.Value.IdleTimeout.TotalMilliseconds, timeProvider.GetUtcNow().ToUnixTimeMilliseconds()]).ConfigureAwait(false),
            cancellationToken);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) =>
        RunAsync(database => database.KeyDeleteAsync(Key(key)), cancellationToken);

    public async Task<bool> SetPayloadAsync(string key, byte[] value, Session session, CancellationToken cancellationToken)
    {
        if (Expiry(session) is not var (absolute, timeToLive))
        {
            return false;
        }

        await RunAsync(database => database.ScriptEvaluateAsync(SetScript, [Key(key)], [value, absolute, timeToLive]), cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<PayloadReplaceResult> ReplacePayloadAsync(string key, byte[] expected, byte[] value, Session session, CancellationToken cancellationToken)
    {
        if (Expiry(session) is not var (absolute, timeToLive))
        {
            return PayloadReplaceResult.MaxAgeReached;
        }

        var replaced = await RunAsync(
            database => database.ScriptEvaluateAsync(ReplaceScript, [Key(key)], [expected, value, absolute, timeToLive]),
            cancellationToken).ConfigureAwait(false);
        return (long)replaced == 1 ? PayloadReplaceResult.Replaced : PayloadReplaceResult.Conflict;
    }

    public Task SetAccessAsync(string key, byte[] value, CancellationToken cancellationToken) =>
        SetAsync(key, value, options.Value.IdleTimeout, cancellationToken);

    public Task SetTombstoneAsync(string key, CancellationToken cancellationToken) =>
        SetAsync(key, "1"u8.ToArray(), options.Value.IdleTimeout + ServerSideSessionCache.MarkerMargin, cancellationToken);

    public Task SetRevocationAsync(string key, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        SetAsync(key, ServerSideSessionCache.FormatRevocation(revokedAt), options.Value.IdleTimeout + ServerSideSessionCache.MarkerMargin, cancellationToken);

    // Returns the absolute expiry in Unix milliseconds (0 for none) and the time to live in milliseconds,
    // or null when the session has already reached its maximum age.
    private (long Absolute, long TimeToLive)? Expiry(Session session)
    {
        var timeToLive = options.Value.IdleTimeout;
        if (options.Value.MaxSessionAge is not { } maxSessionAge)
        {
            return (0, (long)timeToLive.TotalMilliseconds);
        }

        var expiresAt = session.CreatedAt + maxSessionAge;
        var remaining = expiresAt - timeProvider.GetUtcNow();
        if (remaining < TimeSpan.FromMilliseconds(1))
        {
            return null;
        }

        return (expiresAt.ToUnixTimeMilliseconds(), (long)(remaining < timeToLive ? remaining : timeToLive).TotalMilliseconds);
    }

    private Task SetAsync(string key, byte[] value, TimeSpan lifetime, CancellationToken cancellationToken) =>
        RunAsync(database => database.StringSetAsync(Key(key), value, lifetime), cancellationToken);

    private RedisKey Key(string key) => redis.KeyPrefix + key;

    // StackExchange.Redis has no cancellation, so the timeout and the token only stop the wait.
    private async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> operation, CancellationToken cancellationToken)
    {
        async Task<T> RunOnDatabaseAsync() => await operation(await redis.GetDatabaseAsync().ConfigureAwait(false)).ConfigureAwait(false);

        return await RunOnDatabaseAsync().WaitAsync(_timeout, timeProvider, cancellationToken).ConfigureAwait(false);
    }
}
