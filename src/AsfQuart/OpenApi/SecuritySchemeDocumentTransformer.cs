using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace AsfQuart;

/// <summary>
/// Adds the security schemes that are on (session cookie, bearer, Basic) to the components of the document.
/// </summary>
internal sealed class SecuritySchemeDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var services = context.ApplicationServices;
        var options = services.GetRequiredService<IOptionsMonitor<AsfQuartOptions>>().CurrentValue;

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        foreach (var name in AsfQuartSecuritySchemes.Enabled(services))
        {
            document.Components.SecuritySchemes[name] = name switch
            {
                AsfQuartSecuritySchemes.Cookie => CookieScheme(options),
                AsfQuartSecuritySchemes.Bearer => BearerScheme(services),
                _ => BasicScheme(),
            };
        }

        return Task.CompletedTask;
    }

    private static OpenApiSecurityScheme CookieScheme(AsfQuartOptions options) => new()
    {
        Type = SecuritySchemeType.ApiKey,
        In = ParameterLocation.Cookie,
        Name = options.EffectiveCookieName,
        Description = $"The encrypted session cookie of {options.AppId}, set by the login endpoint {options.LoginPath}.",
    };

    private static OpenApiSecurityScheme BearerScheme(IServiceProvider services)
    {
        var isJwt = services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(JwtTokenHandler));
        return new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = isJwt ? "JWT" : null,
            Description = "A personal access token in the Authorization header.",
        };
    }

    private static OpenApiSecurityScheme BasicScheme() => new()
    {
        Type = SecuritySchemeType.Http,
        Scheme = "basic",
        Description = "A user id and password in the Authorization header, checked against the directory.",
    };
}
