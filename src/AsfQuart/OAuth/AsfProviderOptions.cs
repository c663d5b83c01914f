namespace AsfQuart;

/// <summary>
/// Configures the ASF provider. The defaults use the OpenID Connect flavour of
/// <c>oauth.apache.org</c>, which reports whether the user logged in with MFA.
/// </summary>
public sealed class AsfProviderOptions
{
    /// <summary>Gets or sets the base URL of the ASF OAuth service. Defaults to <c>https://oauth.apache.org</c>.</summary>
    public Uri BaseUrl { get; set; } = new("https://oauth.apache.org");

    /// <summary>
    /// Gets or sets the path that the browser is sent to with <c>state</c> and <c>redirect_uri</c>.
    /// Defaults to <c>/auth-oidc</c>. The plain service is at <c>/auth</c>.
    /// </summary>
    public string AuthorizationPath { get; set; } = "/auth-oidc";

    /// <summary>
    /// Gets or sets the path that the server exchanges the <c>code</c> at. Defaults to
    /// <c>/token-oidc</c>. The plain service is at <c>/token</c>, whose response has no <c>mfa</c>
    /// field, so <see cref="Session.Mfa"/> is then always false.
    /// </summary>
    public string TokenPath { get; set; } = "/token-oidc";
}
