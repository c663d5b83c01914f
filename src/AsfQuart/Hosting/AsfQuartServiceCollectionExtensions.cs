using AsfQuart;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers AsfQuart in the service container.
/// </summary>
public static class AsfQuartServiceCollectionExtensions
{
    /// <summary>
    /// Adds AsfQuart sessions: options bound from the <c>AsfQuart</c> configuration section and then
    /// from <paramref name="configure"/>, validated at start-up; Data Protection with the default key
    /// folder; and the services behind <c>RequireAsfSession</c> and the session reads and writes.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options in code, after configuration is bound.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddAsfQuart(this IServiceCollection services, Action<AsfQuartOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var optionsBuilder = services.AddOptions<AsfQuartOptions>().BindConfiguration(AsfQuartOptions.SectionName);
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AsfQuartOptions>, AsfQuartOptionsValidator>());

        services.AddDataProtection();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<KeyManagementOptions>, KeyDirectorySetup>());

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(CreateSessionDataProtection);
        services.TryAddSingleton<SessionCookieProtector>();
        services.TryAddSingleton<SessionCookieCache>();
        services.TryAddSingleton<ISessionCookieStore, EncryptedSessionCookieStore>();
        services.TryAddSingleton<SessionCookieWriter>();
        services.TryAddSingleton<SessionResolver>();
        services.TryAddSingleton<AccessDeniedResponses>();
        services.TryAddSingleton<AsfQuartMetrics>();
        services.TryAddSingleton<AsfQuartServices>();
        return services;
    }

    private static SessionDataProtection CreateSessionDataProtection(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<AsfQuartOptions>>().Value;
        if (!options.InMemoryKeys)
        {
            return new SessionDataProtection(services.GetRequiredService<IDataProtectionProvider>());
        }

        Log.InMemoryKeys(services.GetRequiredService<ILoggerFactory>().CreateLogger("AsfQuart"));
        return new SessionDataProtection(new EphemeralDataProtectionProvider(services.GetRequiredService<ILoggerFactory>()));
    }
}
