namespace AsfQuart;

/// <summary>
/// Checks a user id and password sent as <c>Authorization: Basic</c>. Basic authentication is on
/// exactly when an implementation is registered in the service container.
/// </summary>
public interface IBasicAuthenticator
{
    /// <summary>Checks the credentials and builds the user's session.</summary>
    /// <param name="userId">The user id, decoded from UTF-8.</param>
    /// <param name="password">The password, which may contain colons.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted or the authentication timeout passes.</param>
    /// <returns>The session, or <see langword="null"/> when the user id or password is wrong.</returns>
    /// <exception cref="AuthenticationUnavailableException">The directory cannot be reached.</exception>
    ValueTask<Session?> AuthenticateAsync(string userId, string password, CancellationToken cancellationToken);
}
