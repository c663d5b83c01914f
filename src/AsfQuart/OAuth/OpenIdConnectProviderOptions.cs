namespace AsfQuart;

/// <summary>
/// Configures a generic OpenID Connect provider: the code flow with PKCE and a nonce, and an
/// <c>id_token</c> validated against the provider's published keys.
/// </summary>
public sealed class OpenIdConnectProviderOptions
{
    /// <summary>
    /// Gets or sets the issuer URL of the provider. Its discovery document is read from
    /// <c>{Authority}/.well-known/openid-configuration</c>. Required.
    /// </summary>
    public Uri? Authority { get; set; }

    /// <summary>Gets or sets the client id registered at the provider. Required. It is also the expected <c>aud</c> of the <c>id_token</c>.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Gets or sets the client secret, sent with HTTP Basic authentication, or <see langword="null"/> for a public client.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Gets or sets the scopes asked for. Defaults to <c>openid profile email</c>.</summary>
    public string Scope { get; set; } = "openid profile email";

    /// <summary>
    /// Gets or sets a value indicating whether the discovery document, keys and token endpoint must
    /// use https. Defaults to <see langword="true"/>. Turn it off only for a provider on the loopback interface.
    /// </summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>Gets or sets the clock skew allowed when checking the lifetime of an <c>id_token</c>. Defaults to 2 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets the map from <see cref="Session"/> fields to the claims of the <c>id_token</c> that fill them.</summary>
    public OpenIdConnectClaimMap Claims { get; } = new();
}

/// <summary>
/// Names the <c>id_token</c> claim that fills each <see cref="Session"/> field. A <see langword="null"/>
/// or empty leaves the field at its default. Boolean claims accept JSON <c>true</c> or the string
/// <c>"true"</c>, and list claims accept a JSON array of strings or one space-separated string.
/// </summary>
public sealed class OpenIdConnectClaimMap
{
    /// <summary>Gets or sets the claim of <see cref="Session.Uid"/>. Defaults to <c>sub</c>, and a token without it is rejected.</summary>
    public string Uid { get; set; } = "sub";

    /// <summary>Gets or sets the claim of <see cref="Session.FullName"/>. Defaults to <c>name</c>.</summary>
    public string? FullName { get; set; } = "name";

    /// <summary>Gets or sets the claim of <see cref="Session.Email"/>. Defaults to <c>email</c>.</summary>
    public string? Email { get; set; } = "email";

    /// <summary>Gets or sets the claim of <see cref="Session.Dn"/>.</summary>
    public string? Dn { get; set; }

    /// <summary>Gets or sets the claim of <see cref="Session.IsMember"/>.</summary>
    public string? IsMember { get; set; }

    /// <summary>Gets or sets the claim of <see cref="Session.IsChair"/>.</summary>
    public string? IsChair { get; set; }

    /// <summary>Gets or sets the claim of <see cref="Session.IsRoot"/>.</summary>
    public string? IsRoot { get; set; }

    /// <summary>Gets or sets the claim of <see cref="Session.Committees"/>.</summary>
    public string? Committees { get; set; }

    /// <summary>Gets or sets the claim of <see cref="Session.Projects"/>.</summary>
    public string? Projects { get; set; }

    /// <summary>
    /// Gets or sets the claim of <see cref="Session.Mfa"/>. Defaults to <c>amr</c>: a list claim counts
    /// as MFA when it contains <c>mfa</c>, a boolean claim when it is true.
    /// </summary>
    public string? Mfa { get; set; } = "amr";
}
