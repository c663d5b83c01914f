using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// The names under which <c>AddAsfQuartSecurity</c> adds the AsfQuart security schemes to an OpenAPI document.
/// </summary>
public static class AsfQuartSecuritySchemes
{
    /// <summary>The session cookie, an <c>apiKey</c> scheme in a cookie named after the application.</summary>
    public const string Cookie = "asfSession";

    /// <summary>Personal access tokens sent as <c>Authorization: Bearer</c>.</summary>
    public const string Bearer = "bearer";

    /// <summary>User id and password sent as <c>Authorization: Basic</c>.</summary>
    public const string Basic = "basic";

    // The schemes in the order the session resolver tries them. The cookie is always on; bearer and
    // Basic follow the same rules as the resolver and the WWW-Authenticate challenge.
    internal static IReadOnlyList<string> Enabled(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptionsMonitor<AsfQuartOptions>>().CurrentValue;
        var registered = services.GetRequiredService<IServiceProviderIsService>();

        var schemes = new List<string>(3) { Cookie };
        if (options.TokenHandler is not null || registered.IsService(typeof(ITokenHandler)))
        {
            schemes.Add(Bearer);
        }

        if (registered.IsService(typeof(IBasicAuthenticator)))
        {
            schemes.Add(Basic);
        }

        return schemes;
    }
}
