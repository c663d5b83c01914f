using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Checks <see cref="AsfOAuthOptions"/> once at start-up, naming each invalid setting and its fix.
/// It stops the application from starting with the development provider outside the Development environment.
/// </summary>
internal sealed class AsfOAuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AsfOAuthOptions>
{
    private const string Prefix = AsfOAuthOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, AsfOAuthOptions options)
    {
        var failures = new List<string>();

        if (options.StateLifetime <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}StateLifetime must be positive; it is {options.StateLifetime}.");
        }

        if (options.ProviderTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}ProviderTimeout must be positive; it is {options.ProviderTimeout}.");
        }

        if (options.MaxPendingLogins < 1)
        {
            failures.Add($"{Prefix}MaxPendingLogins must be at least 1; it is {options.MaxPendingLogins}.");
        }

        if (options.ClearSiteData.Any(char.IsControl))
        {
            failures.Add($"{Prefix}ClearSiteData must not contain control characters, because it is sent as a header.");
        }

        switch (options.Provider)
        {
            case OAuthProviderKind.Asf:
                ValidateAsf(failures, options.Asf);
                break;
            case OAuthProviderKind.OpenIdConnect:
                ValidateOpenIdConnect(failures, options.OpenIdConnect);
                break;
            case OAuthProviderKind.Development:
                ValidateDevelopment(failures, options.Development);
                break;
            default:
                failures.Add($"{Prefix}Provider '{options.Provider}' is unknown. Use Asf, OpenIdConnect or Development.");
                break;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateAsf(List<string> failures, AsfProviderOptions asf)
    {
        if (!IsHttpsOrLoopback(asf.BaseUrl))
        {
            failures.Add($"{Prefix}Asf:BaseUrl '{asf.BaseUrl}' must be an absolute https URL (http is accepted only on a loopback address).");
        }

        if (!asf.AuthorizationPath.StartsWith('/') || !asf.TokenPath.StartsWith('/'))
        {
            failures.Add($"{Prefix}Asf:AuthorizationPath '{asf.AuthorizationPath}' and {Prefix}Asf:TokenPath '{asf.TokenPath}' must start with '/'.");
        }
    }

    private static void ValidateOpenIdConnect(List<string> failures, OpenIdConnectProviderOptions oidc)
    {
        if (oidc.Authority is not { IsAbsoluteUri: true } authority
            || !(authority.Scheme == Uri.UriSchemeHttps || (authority.Scheme == Uri.UriSchemeHttp && !oidc.RequireHttps)))
        {
            failures.Add($"{Prefix}OpenIdConnect:Authority '{oidc.Authority}' must be the absolute https URL of the issuer. An http URL is accepted only with {Prefix}OpenIdConnect:RequireHttps set to false.");
        }

        if (string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            failures.Add($"{Prefix}OpenIdConnect:ClientId is missing. Set it to the client id registered at the provider.");
        }

        if (!oidc.Scope.Split(' ').Contains("openid", StringComparer.Ordinal))
        {
            failures.Add($"{Prefix}OpenIdConnect:Scope '{oidc.Scope}' must contain 'openid', or the provider sends no id_token.");
        }

        if (string.IsNullOrWhiteSpace(oidc.Claims.Uid))
        {
            failures.Add($"{Prefix}OpenIdConnect:Claims:Uid is empty. Name the claim that holds the user id, for example 'sub'.");
        }

        if (oidc.ClockSkew < TimeSpan.Zero)
        {
            failures.Add($"{Prefix}OpenIdConnect:ClockSkew must not be negative; it is {oidc.ClockSkew}.");
        }
    }

    private void ValidateDevelopment(List<string> failures, DevelopmentProviderOptions development)
    {
        if (!environment.IsDevelopment())
        {
            failures.Add(
                $"{Prefix}Provider is Development in the '{environment.EnvironmentName}' environment. The development provider lets anyone log in as any listed identity, so it runs only in the Development environment. Set {Prefix}Provider to Asf or OpenIdConnect.");
        }

        if (development.Identities.Count == 0)
        {
            failures.Add($"{Prefix}Development:Identities is empty. List at least one identity with a Uid for the picker page.");
        }

        var uids = development.Identities.Select(identity => identity.Uid).ToList();
        if (uids.Any(string.IsNullOrWhiteSpace) || uids.Distinct(StringComparer.Ordinal).Count() != uids.Count)
        {
            failures.Add($"{Prefix}Development:Identities needs a non-empty, unique Uid for every identity.");
        }
    }

    private static bool IsHttpsOrLoopback(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));
}
