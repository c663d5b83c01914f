using AsfQuart;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Turns on server-side AsfQuart sessions.
/// </summary>
public static class ServerSideSessionServiceCollectionExtensions
{
    /// <summary>
    /// Keeps cookie sessions in the registered <see cref="IDistributedCache"/> instead of the cookie:
    /// the cookie carries only a protected random session id, <c>ClearAsfSession</c> deletes the
    /// session on every instance, <c>SignInAsfSession</c> always issues a new id, and
    /// <see cref="IAsfSessionRevoker"/> logs a user out everywhere. Register the cache (for example
    /// <c>AddStackExchangeRedisCache</c>) and <c>AddAsfQuart</c> as well, in any order.
    /// </summary>
    /// <remarks>
    /// With the Redis cache of Microsoft.Extensions.Caching.StackExchangeRedis, or a registered
    /// <see cref="IConnectionMultiplexer"/>, sessions are stored in Redis directly, and concurrent changes of
    /// one session are stored with compare-and-set, so none is lost. With another cache, two changes that
    /// reach it within one round trip of each other can overwrite each other.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the store's options.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddAsfQuartServerSideSessions(this IServiceCollection services, Action<ServerSideSessionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var optionsBuilder = services.AddOptions<ServerSideSessionOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder
            .Validate<IServiceProvider>(
                (_, provider) => provider.GetService<IDistributedCache>() is not null || provider.GetService<IConnectionMultiplexer>() is not null,
                "Server-side AsfQuart sessions need an IDistributedCache or an IConnectionMultiplexer. Register one, for example with services.AddStackExchangeRedisCache(...), before the application starts.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServerSideSessionOptions>, ServerSideSessionOptionsValidator>());

        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<IServerSideSessionCache>(CreateCache);
        services.TryAddSingleton<ServerSideSessionProtection>();
        services.TryAddSingleton<IAsfSessionRevoker, ServerSideSessionRevoker>();

        // Replace rather than TryAdd, so the order of this call and AddAsfQuart does not matter.
        services.Replace(ServiceDescriptor.Singleton<ISessionCookieStore, ServerSideSessionStore>());
        return services;
    }

    private static IServerSideSessionCache CreateCache(IServiceProvider services) =>
        services.GetRequiredService<RedisConnection>().IsConfigured
            ? ActivatorUtilities.CreateInstance<RedisServerSideSessionCache>(services)
            : ActivatorUtilities.CreateInstance<ServerSideSessionCache>(services);
}
