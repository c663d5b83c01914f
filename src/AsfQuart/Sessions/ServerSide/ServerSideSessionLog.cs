using Microsoft.Extensions.Logging;

namespace AsfQuart;

/// <summary>
/// The log messages of the server-side session store, event ids 4000 to 4019. None of them takes a
/// session id or cookie value: the id is a bearer credential.
/// </summary>
internal static partial class ServerSideSessionLog
{
    [LoggerMessage(4000, LogLevel.Error, "The session store could not be read. The request gets 503 unless it has other credentials. Check that the distributed cache is reachable.", EventName = "SessionStoreReadFailed")]
    public static partial void ReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(4008, LogLevel.Debug, "The session store could not be read again ({Error}); the first failure of each 10 seconds is logged as an error.", EventName = "SessionStoreReadFailedAgain")]
    public static partial void ReadFailedAgain(ILogger logger, string error);

    [LoggerMessage(4001, LogLevel.Error, "The session of {Uid} could not be stored. The request gets 503. Check that the distributed cache is reachable.", EventName = "SessionStoreWriteFailed")]
    public static partial void WriteFailed(ILogger logger, string uid, Exception exception);

    [LoggerMessage(4002, LogLevel.Warning, "The last-access time of the session of {Uid} could not be stored. The session stays valid and is refreshed on a later request.", EventName = "SessionStoreRefreshFailed")]
    public static partial void RefreshFailed(ILogger logger, string uid, Exception exception);

    [LoggerMessage(4003, LogLevel.Error, "A session could not be deleted from the session store, so it stays valid on every instance until it expires. The request gets 503.", EventName = "SessionStoreDeleteFailed")]
    public static partial void DeleteFailed(ILogger logger, Exception exception);

    [LoggerMessage(4004, LogLevel.Debug, "The stored session could not be decrypted or parsed; the request continues without it.", EventName = "StoredSessionUnreadable")]
    public static partial void StoredSessionUnreadable(ILogger logger);

    [LoggerMessage(4005, LogLevel.Information, "A session of {Uid} was rejected because all sessions of the user were revoked at {RevokedAt}.", EventName = "SessionRevokedForUser")]
    public static partial void SessionRevokedForUser(ILogger logger, string uid, DateTimeOffset revokedAt);

    [LoggerMessage(4006, LogLevel.Information, "A request wrote the session of {Uid} after it was logged out; the written copy was deleted again.", EventName = "WriteAfterLogoutUndone")]
    public static partial void WriteAfterLogoutUndone(ILogger logger, string uid);

    [LoggerMessage(4007, LogLevel.Information, "All sessions of {Uid} created until {RevokedAt} were revoked.", EventName = "UserSessionsRevoked")]
    public static partial void UserSessionsRevoked(ILogger logger, string uid, DateTimeOffset revokedAt);

    [LoggerMessage(4009, LogLevel.Warning, "The changed session of {Uid} was not stored because other requests changed it first {Attempts} times in a row. The request gets 503.", EventName = "SessionStoreWriteConflict")]
    public static partial void WriteConflict(ILogger logger, string uid, int attempts);
}
