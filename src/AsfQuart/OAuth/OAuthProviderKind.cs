namespace AsfQuart;

/// <summary>The identity providers that <c>AddAsfOAuth</c> can set up.</summary>
public enum OAuthProviderKind
{
    /// <summary>The ASF OAuth service at <c>oauth.apache.org</c>.</summary>
    Asf,

    /// <summary>Any OpenID Connect provider, found through its discovery document.</summary>
    OpenIdConnect,

    /// <summary>A local identity picker for development, rejected outside the Development environment.</summary>
    Development,
}
