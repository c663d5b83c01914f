namespace AsfQuart;

/// <summary>
/// An identity provider behind the OAuth endpoint: it names the page that a login starts at, and
/// turns the code of a callback into the session of the user who logged in.
/// </summary>
/// <remarks>
/// The endpoint creates, stores and checks the state, the nonce and the PKCE verifier, so a provider
/// only builds URLs and exchanges codes. Register an implementation as a singleton service to use a
/// provider that AsfQuart does not ship.
/// </remarks>
public interface IOAuthProvider
{
    /// <summary>Creates the URL that the browser is sent to when a login starts.</summary>
    /// <param name="login">The state, callback URL, nonce and PKCE challenge of this login.</param>
    /// <param name="cancellationToken">Cancels the work, for example when the request is aborted.</param>
    /// <returns>An absolute URL, or a local path for a provider served by the application itself.</returns>
    ValueTask<string> CreateAuthorizationUrlAsync(OAuthLoginStart login, CancellationToken cancellationToken);

    /// <summary>Exchanges the code of a callback for the session of the user who logged in.</summary>
    /// <param name="callback">The code, and the callback URL, nonce and PKCE verifier of the login it finishes.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted or the provider timeout passes.</param>
    /// <returns>The session, or why the login failed.</returns>
    ValueTask<OAuthLoginResult> ExchangeCodeAsync(OAuthCallback callback, CancellationToken cancellationToken);
}

/// <summary>The values of a login that is starting, for building the provider's authorization URL.</summary>
/// <param name="State">The one-time random state, sent to the provider and returned by it with the code.</param>
/// <param name="RedirectUri">The absolute callback URL of the OAuth endpoint.</param>
/// <param name="Nonce">A random value that an OpenID Connect provider copies into the <c>id_token</c>.</param>
/// <param name="CodeChallenge">The PKCE challenge: the base64url SHA-256 of the verifier (method <c>S256</c>).</param>
public sealed record OAuthLoginStart(string State, string RedirectUri, string Nonce, string CodeChallenge)
{
    /// <summary>Returns the type name only, so the state never reaches a log line through this record.</summary>
    /// <returns><c>OAuthLoginStart</c>.</returns>
    public override string ToString() => nameof(OAuthLoginStart);
}

/// <summary>The values of a callback, for exchanging its code.</summary>
/// <param name="Code">The code that the provider sent with the callback.</param>
/// <param name="RedirectUri">The callback URL that the login started with.</param>
/// <param name="Nonce">The nonce that the login started with.</param>
/// <param name="CodeVerifier">The PKCE verifier of the login.</param>
public sealed record OAuthCallback(string Code, string RedirectUri, string Nonce, string CodeVerifier)
{
    /// <summary>Returns the type name only, so the code never reaches a log line through this record.</summary>
    /// <returns><c>OAuthCallback</c>.</returns>
    public override string ToString() => nameof(OAuthCallback);
}
