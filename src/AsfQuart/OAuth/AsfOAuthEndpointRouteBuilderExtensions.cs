using AsfQuart;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the OAuth login endpoint of AsfQuart.</summary>
public static class AsfOAuthEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the OAuth endpoint: <c>?login</c> or <c>?login=/path</c> starts a login at the provider,
    /// <c>?code</c> and <c>?state</c> finish it, <c>?logout</c> or <c>?logout=/path</c> ends the
    /// session, and a bare request returns the current session as JSON, or 404 without one.
    /// With the development provider it also maps the identity picker at <c>{path}/development</c>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="path">
    /// The path of the endpoint. Defaults to <see cref="AsfQuartOptions.LoginPath"/>, which the login
    /// redirect of protected endpoints sends browsers to. Another path is accepted only when the login redirect is off.
    /// </param>
    /// <returns>A builder for conventions (metadata, filters, rate limits) of the endpoint.</returns>
    /// <exception cref="InvalidOperationException">
    /// <c>AddAsfQuart</c> or <c>AddAsfOAuth</c> was not called, or <paramref name="path"/> differs from
    /// <see cref="AsfQuartOptions.LoginPath"/> while the login redirect is on.
    /// </exception>
    public static IEndpointConventionBuilder MapAsfOAuth(this IEndpointRouteBuilder endpoints, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var services = endpoints.ServiceProvider;
        var endpoint = services.GetService<OAuthEndpoint>()
            ?? throw new InvalidOperationException("AsfQuart OAuth is not registered. Call builder.Services.AddAsfOAuth(...) when building the application.");
        var sessionOptions = services.GetService<IOptions<AsfQuartOptions>>()?.Value
            ?? throw new InvalidOperationException("AsfQuart is not registered. Call builder.Services.AddAsfQuart(...) when building the application.");

        path ??= sessionOptions.LoginPath;
        if (sessionOptions.LoginRedirect && !string.Equals(path, sessionOptions.LoginPath, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"MapAsfOAuth is given the path '{path}', but the login redirect sends browsers to AsfQuart:LoginPath '{sessionOptions.LoginPath}'. Set LoginPath to '{path}', or call MapAsfOAuth() without a path.");
        }

        if (services.GetRequiredService<IOAuthProvider>() is DevelopmentOAuthProvider)
        {
            var picker = services.GetRequiredService<DevelopmentPickerPage>();
            endpoints.MapGet(path + DevelopmentOAuthProvider.PickerPathSuffix, (HttpContext context) => picker.HandleAsync(context, path))
                .ExcludeFromDescription();
        }

        return endpoints.MapMethods(path, [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post], endpoint.HandleAsync)
            .ExcludeFromDescription();
    }
}
