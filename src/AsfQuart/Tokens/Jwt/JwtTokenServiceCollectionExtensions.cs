using AsfQuart;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers JWT personal access tokens for AsfQuart.
/// </summary>
public static class JwtTokenServiceCollectionExtensions
{
    /// <summary>
    /// Adds the JWT token handler as the application's <see cref="ITokenHandler"/>, the
    /// <see cref="JwtTokenIssuer"/> and the <see cref="JwtRevocationList"/>. Options are validated at
    /// start-up. The revocation list uses the registered <see cref="Caching.Distributed.IDistributedCache"/>,
    /// or an in-memory one when none is registered.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets issuer, audience, keys and the other options.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddAsfJwtTokens(this IServiceCollection services, Action<JwtTokenOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<JwtTokenOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtTokenOptions>, JwtTokenOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddDistributedMemoryCache();
        services.TryAddSingleton<JwtRevocationList>();
        services.TryAddSingleton<JwtTokenIssuer>();
        services.TryAddSingleton<JwtTokenHandler>();
        services.TryAddSingleton<ITokenHandler>(provider => provider.GetRequiredService<JwtTokenHandler>());
        return services;
    }
}
