using AsfQuart;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers LDAP Basic authentication and LDAP session validation in the service container.
/// </summary>
public static class LdapServiceCollectionExtensions
{
    /// <summary>
    /// Turns on <c>Authorization: Basic</c> checked against an LDAP directory, with failed logins
    /// rate-limited per user id and client address. Options are bound from the <c>AsfQuart:Ldap</c>
    /// configuration section and then from <paramref name="configure"/>, and validated at start-up.
    /// </summary>
    /// <param name="services">The service collection, after <c>AddAsfQuart</c>.</param>
    /// <param name="configure">Sets options in code, after configuration is bound.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddAsfLdapBasicAuthentication(this IServiceCollection services, Action<LdapOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        AddLdapDirectory(services, configure);
        services.AddHttpContextAccessor();
        services.TryAddSingleton<LdapAffiliationCache>();
        services.TryAddSingleton<LdapLoginRateLimiter>();
        services.TryAddSingleton<IBasicAuthenticator, LdapBasicAuthenticator>();
        return services;
    }

    /// <summary>
    /// Adds a session validator that ends a cookie session when its account no longer exists or is
    /// disabled in the LDAP directory, checked once per <see cref="AsfQuartOptions.ValidationInterval"/>.
    /// Options are bound from the <c>AsfQuart:Ldap</c> configuration section and then from
    /// <paramref name="configure"/>, and validated at start-up.
    /// </summary>
    /// <param name="services">The service collection, after <c>AddAsfQuart</c>.</param>
    /// <param name="configure">Sets options in code, after configuration is bound.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddAsfLdapSessionValidation(this IServiceCollection services, Action<LdapOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        AddLdapDirectory(services, configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISessionValidator, LdapSessionValidator>());
        return services;
    }

    private static void AddLdapDirectory(IServiceCollection services, Action<LdapOptions>? configure)
    {
        var optionsBuilder = services.AddOptions<LdapOptions>();
        if (!services.Any(descriptor => descriptor.ServiceType == typeof(LdapDirectory)))
        {
            optionsBuilder.BindConfiguration(LdapOptions.SectionName).ValidateOnStart();
        }

        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LdapOptions>, LdapOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LdapMetrics>();
        services.TryAddSingleton<LdapDirectory>();
    }
}
