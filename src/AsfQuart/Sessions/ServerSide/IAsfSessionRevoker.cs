namespace AsfQuart;

/// <summary>
/// Logs a user out of every server-side session at once, for administrators: after a password
/// change, a lost laptop or a removed account. Registered by <c>AddAsfQuartServerSideSessions</c>.
/// </summary>
public interface IAsfSessionRevoker
{
    /// <summary>
    /// Revokes every session of <paramref name="uid"/> that started at or before the current time, on
    /// every instance that shares the cache. Sessions of later logins are not affected.
    /// </summary>
    /// <param name="uid">The user id, as in <see cref="Session.Uid"/>.</param>
    /// <param name="cancellationToken">Stops waiting for the cache.</param>
    /// <returns>A task that completes when the revocation is stored.</returns>
    /// <exception cref="AuthenticationUnavailableException">The cache could not be reached or did not respond in time.</exception>
    Task RevokeUserSessionsAsync(string uid, CancellationToken cancellationToken = default);
}
