using AsfQuart;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the OAuth login endpoint of AsfQuart in the service container.</summary>
public static class AsfOAuthServiceCollectionExtensions
{
    /// <summary>
    /// Adds the services behind <c>MapAsfOAuth</c>. Options are bound from the <c>AsfQuart:OAuth</c>
    /// configuration section and then from <paramref name="configure"/>, and validated at start-up.
    /// The services include the provider that <see cref="AsfOAuthOptions.Provider"/> names, the HTTP
    /// client for provider calls, and the store of pending logins.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options in code, after configuration is bound.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <remarks>
    /// Pending logins go to Redis when the registered <see cref="IDistributedCache"/> is the Redis cache
    /// of Microsoft.Extensions.Caching.StackExchangeRedis or the application registers an
    /// <c>IConnectionMultiplexer</c>; there a callback takes its login atomically. Otherwise they go to the
    /// registered <see cref="IDistributedCache"/>, so several instances share them. Without one, or with
    /// the in-process <see cref="MemoryDistributedCache"/>, they stay in a bounded in-memory store. An <see cref="IOAuthProvider"/> service registered by the application
    /// takes the place of the configured provider.
    /// </remarks>
    public static IServiceCollection AddAsfOAuth(this IServiceCollection services, Action<AsfOAuthOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var optionsBuilder = services.AddOptions<AsfOAuthOptions>().BindConfiguration(AsfOAuthOptions.SectionName);
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AsfOAuthOptions>, AsfOAuthOptionsValidator>());

        // Provider URLs contain the code in their query, so the factory's request logging stays off, and
        // a redirect is an error rather than a reason to send the code to another address.
        services.AddHttpClient(OAuthHttpClient.Name, (provider, client) =>
            {
                client.Timeout = provider.GetRequiredService<IOptions<AsfOAuthOptions>>().Value.ProviderTimeout;
                client.MaxResponseContentBufferSize = OAuthHttpClient.MaxResponseSize;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<LoggerFilterOptions>, HostingRequestLogFilter>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AsfOAuthProvider>();
        services.TryAddSingleton<OpenIdConnectOAuthProvider>();
        services.TryAddSingleton<DevelopmentOAuthProvider>();
        services.TryAddSingleton<IOAuthProvider>(CreateProvider);
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<IPendingLoginStore>(CreateStore);
        services.TryAddSingleton<OAuthLoginFlow>();
        services.TryAddSingleton<OAuthLogout>();
        services.TryAddSingleton<OAuthEndpoint>();
        services.TryAddSingleton<DevelopmentPickerPage>();
        return services;
    }

    private static IOAuthProvider CreateProvider(IServiceProvider services) =>
        services.GetRequiredService<IOptions<AsfOAuthOptions>>().Value.Provider switch
        {
            OAuthProviderKind.OpenIdConnect => services.GetRequiredService<OpenIdConnectOAuthProvider>(),
            OAuthProviderKind.Development => services.GetRequiredService<DevelopmentOAuthProvider>(),
            _ => services.GetRequiredService<AsfOAuthProvider>(),
        };

    private static IPendingLoginStore CreateStore(IServiceProvider services)
    {
        var redis = services.GetRequiredService<RedisConnection>();
        if (redis.IsConfigured)
        {
            return ActivatorUtilities.CreateInstance<RedisPendingLoginStore>(services, redis);
        }

        var cache = services.GetService<IDistributedCache>();
        if (cache is null or MemoryDistributedCache)
        {
            return ActivatorUtilities.CreateInstance<InMemoryPendingLoginStore>(services);
        }

        return ActivatorUtilities.CreateInstance<DistributedPendingLoginStore>(services, cache);
    }
}
