namespace AsfQuart;

/// <summary>
/// The cache operations of the server-side session store, each bounded by
/// <see cref="ServerSideSessionOptions.OperationTimeout"/>. <see cref="ServerSideSessionCache"/> runs
/// them on <c>IDistributedCache</c>, and <c>RedisServerSideSessionCache</c> on Redis, where it can also
/// replace a session atomically.
/// </summary>
internal interface IServerSideSessionCache
{
    /// <summary>Gets the prefix of every key the store names, which contains <see cref="ServerSideSessionOptions.KeyPrefix"/> and the application id.</summary>
    string KeyPrefix { get; }

    TimeProvider TimeProvider { get; }

    /// <summary>Gets whether <see cref="ReplacePayloadAsync"/> is available.</summary>
    bool SupportsCompareAndSet { get; }

    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Reads a stored session and extends its sliding expiry.</summary>
    Task<byte[]?> GetPayloadAsync(string key, CancellationToken cancellationToken);

    Task RemoveAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores a session. Returns false, writing nothing, when the session has already reached its maximum age.</summary>
    Task<bool> SetPayloadAsync(string key, byte[] value, Session session, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="value"/> only when the stored session is still <paramref name="expected"/>,
    /// as one atomic step. Throws <see cref="NotSupportedException"/> when <see cref="SupportsCompareAndSet"/> is false.
    /// </summary>
    Task<PayloadReplaceResult> ReplacePayloadAsync(string key, byte[] expected, byte[] value, Session session, CancellationToken cancellationToken);

    Task SetAccessAsync(string key, byte[] value, CancellationToken cancellationToken);

    Task SetTombstoneAsync(string key, CancellationToken cancellationToken);

    Task SetRevocationAsync(string key, DateTimeOffset revokedAt, CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="IServerSideSessionCache.ReplacePayloadAsync"/>.</summary>
internal enum PayloadReplaceResult
{
    /// <summary>The new session was stored.</summary>
    Replaced,

    /// <summary>Another write changed or deleted the stored session first, so nothing was stored.</summary>
    Conflict,

    /// <summary>The session has reached its maximum age, so nothing was stored.</summary>
    MaxAgeReached,
}
