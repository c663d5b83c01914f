namespace AsfQuart;

/// <summary>
/// Configures the server-side session store that <c>AddAsfQuartServerSideSessions</c> turns on:
/// sessions live in <c>IDistributedCache</c> and the cookie carries only a protected session id.
/// </summary>
public sealed class ServerSideSessionOptions
{
    /// <summary>
    /// Gets or sets the prefix of every cache key the store writes; the application id follows it.
    /// Defaults to <c>asfquart:</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = "asfquart:";

    /// <summary>
    /// Gets or sets how long one cache operation may take before the store gives up: a request that
    /// needs the session then gets 503 Service Unavailable. Defaults to 2 seconds. Keep it at or
    /// above the cache client's own timeouts (for StackExchange.Redis, <c>AsyncTimeout</c>).
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
