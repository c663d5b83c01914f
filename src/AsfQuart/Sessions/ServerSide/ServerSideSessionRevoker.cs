using Microsoft.Extensions.Logging;

namespace AsfQuart;

/// <summary>
/// Stores a per-user revocation time that every read of a server-side session checks, because
/// <c>IDistributedCache</c> cannot list or delete the sessions of one user.
/// </summary>
internal sealed class ServerSideSessionRevoker(IServerSideSessionCache cache, ILogger<ServerSideSessionRevoker> logger) : IAsfSessionRevoker
{
    public async Task RevokeUserSessionsAsync(string uid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(uid);

        var revokedAt = cache.TimeProvider.GetUtcNow();
        try
        {
            await cache.SetRevocationAsync(ServerSideSessionKeys.ForUser(cache.KeyPrefix, uid), revokedAt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new AuthenticationUnavailableException($"The sessions of '{uid}' could not be revoked because the session store is unavailable.", exception);
        }

        ServerSideSessionLog.UserSessionsRevoked(logger, uid, revokedAt);
    }
}
