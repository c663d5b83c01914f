using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AsfQuart;

/// <summary>
/// The Redis connection behind the Redis-specific stores, which need atomic commands that
/// <see cref="IDistributedCache"/> lacks. It is the connection of the registered
/// <see cref="RedisCache"/> (its <c>ConnectionMultiplexerFactory</c>, or a connection of its own to the
/// cache's <c>Configuration</c>), or else the <see cref="IConnectionMultiplexer"/> the application registered.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly Func<Task<IConnectionMultiplexer>>? _connect;
    private readonly bool _ownsConnection;
    private Task<IConnectionMultiplexer>? _connection;

    public RedisConnection(IServiceProvider services)
    {
        var registered = services.GetService<IConnectionMultiplexer>();
        Func<Task<IConnectionMultiplexer>>? useRegistered = registered is null ? null : () => Task.FromResult(registered);
        if (services.GetService<IDistributedCache>() is not RedisCache)
        {
            _connect = useRegistered;
            KeyPrefix = "";
            return;
        }

        var options = services.GetRequiredService<IOptions<RedisCacheOptions>>().Value;
        KeyPrefix = options.InstanceName ?? "";
        if (options.ConnectionMultiplexerFactory is { } factory)
        {
            // NOTE: the factory runs once more here. A factory that connects anew on each call gives these stores a connection of their own, which is never closed.
            _connect = factory;
        }
        else if (options.ConfigurationOptions is not null || !string.IsNullOrEmpty(options.Configuration))
        {
            var configuration = options.ConfigurationOptions?.Clone() ?? ConfigurationOptions.Parse(options.Configuration!);
            _connect = async () => await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
            _ownsConnection = true;
        }
        else
        {
            _connect = useRegistered;
        }
    }

    /// <summary>Gets whether the application uses Redis, through a <see cref="RedisCache"/> or a registered <see cref="IConnectionMultiplexer"/>.</summary>
    public bool IsConfigured => _connect is not null;

    /// <summary>Gets the prefix of every key: the cache's <c>InstanceName</c>, or empty without a Redis cache.</summary>
    public string KeyPrefix { get; }

    /// <summary>Returns the Redis database, connecting on first use. A failed connection attempt is retried on the next call.</summary>
    public async Task<IDatabase> GetDatabaseAsync()
    {
        var connection = Volatile.Read(ref _connection);
        if (connection is null)
        {
            if (_connect is null)
            {
                throw new InvalidOperationException("No Redis connection is configured. Register a RedisCache (AddStackExchangeRedisCache) or an IConnectionMultiplexer.");
            }

            var started = _connect();
            connection = Interlocked.CompareExchange(ref _connection, started, null) ?? started;
        }

        try
        {
            return (await connection.ConfigureAwait(false)).GetDatabase();
        }
        catch (Exception)
        {
            _ = Interlocked.CompareExchange(ref _connection, null, connection);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection && _connection is { IsCompletedSuccessfully: true } connection)
        {
            await connection.Result.DisposeAsync().ConfigureAwait(false);
        }
    }
}
