namespace AsfQuart;

/// <summary>
/// Finds the session of a personal access token sent as <c>Authorization: Bearer</c>. Register an
/// implementation in the service container, or set <see cref="AsfQuartOptions.TokenHandler"/>.
/// </summary>
public interface ITokenHandler
{
    /// <summary>Finds the session that a token stands for.</summary>
    /// <param name="token">The token exactly as sent, without the scheme.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted or the authentication timeout passes.</param>
    /// <returns>The session, or <see langword="null"/> when the token is unknown, expired or revoked.</returns>
    /// <exception cref="AuthenticationUnavailableException">The store behind the tokens cannot be reached.</exception>
    ValueTask<Session?> AuthenticateAsync(string token, CancellationToken cancellationToken);
}
