using Microsoft.Extensions.Logging;

namespace AsfQuart;

/// <summary>
/// The log messages of AsfQuart. None of them takes a token, password, cookie value or OAuth code.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "The session cookie {CookieName} could not be decrypted or parsed; the request continues without it.", EventName = "SessionCookieUnreadable")]
    public static partial void SessionCookieUnreadable(ILogger logger, string cookieName);

    [LoggerMessage(2, LogLevel.Debug, "The session of {Uid} expired: last used {IdleTime} ago, idle timeout {IdleTimeout}.", EventName = "SessionIdleExpired")]
    public static partial void SessionIdleExpired(ILogger logger, string uid, TimeSpan idleTime, TimeSpan idleTimeout);

    [LoggerMessage(3, LogLevel.Debug, "The session of {Uid} expired: started {Age} ago, maximum age {MaxSessionAge}.", EventName = "SessionMaxAgeExpired")]
    public static partial void SessionMaxAgeExpired(ILogger logger, string uid, TimeSpan age, TimeSpan maxSessionAge);

    [LoggerMessage(4, LogLevel.Information, "The session of {Uid} was rejected by a session validator: {Reason}", EventName = "SessionRejected")]
    public static partial void SessionRejected(ILogger logger, string uid, string? reason);

    [LoggerMessage(5, LogLevel.Warning, "A session validator could not reach its service; the session of {Uid} is kept and validated again on its next request.", EventName = "SessionValidationUnavailable")]
    public static partial void SessionValidationUnavailable(ILogger logger, string uid, Exception exception);

    [LoggerMessage(10, LogLevel.Debug, "A request sent a bearer token, but no token handler is configured.", EventName = "BearerWithoutHandler")]
    public static partial void BearerWithoutHandler(ILogger logger);

    [LoggerMessage(11, LogLevel.Debug, "A request sent Basic credentials, but Basic authentication is off.", EventName = "BasicDisabled")]
    public static partial void BasicDisabled(ILogger logger);

    [LoggerMessage(12, LogLevel.Debug, "The token handler did not accept the bearer token.", EventName = "TokenRejected")]
    public static partial void TokenRejected(ILogger logger);

    [LoggerMessage(13, LogLevel.Information, "Basic authentication failed for user {UserId}.", EventName = "BasicRejected")]
    public static partial void BasicRejected(ILogger logger, string userId);

    [LoggerMessage(14, LogLevel.Debug, "The Authorization header is malformed: {Reason}", EventName = "MalformedAuthorization")]
    public static partial void MalformedAuthorization(ILogger logger, string reason);

    [LoggerMessage(15, LogLevel.Warning, "The {Authenticator} could not reach its service.", EventName = "AuthenticatorUnavailable")]
    public static partial void AuthenticatorUnavailable(ILogger logger, string authenticator, Exception exception);

    [LoggerMessage(16, LogLevel.Warning, "The {Authenticator} did not answer within {Timeout}.", EventName = "AuthenticatorTimedOut")]
    public static partial void AuthenticatorTimedOut(ILogger logger, string authenticator, TimeSpan timeout);

    [LoggerMessage(17, LogLevel.Error, "The {Authenticator} failed.", EventName = "AuthenticatorFailed")]
    public static partial void AuthenticatorFailed(ILogger logger, string authenticator, Exception exception);

    [LoggerMessage(18, LogLevel.Information, "The {Authenticator} rejected a request because of too many failed attempts: {Reason}", EventName = "AuthenticatorRateLimited")]
    public static partial void AuthenticatorRateLimited(ILogger logger, string authenticator, string reason);

    [LoggerMessage(20, LogLevel.Debug, "Access to {Path} denied to {Uid}: {Reasons}", EventName = "AccessDenied")]
    public static partial void AccessDenied(ILogger logger, string path, string uid, string reasons);

    [LoggerMessage(30, LogLevel.Warning, "The key folder {Path} can be read by other users (mode {Mode}); restrict it to its owner, for example with chmod 700.", EventName = "KeyDirectoryTooOpen")]
    public static partial void KeyDirectoryTooOpen(ILogger logger, string path, string mode);

    [LoggerMessage(31, LogLevel.Warning, "Session keys are kept in memory only: every restart logs every user out.", EventName = "InMemoryKeys")]
    public static partial void InMemoryKeys(ILogger logger);
}
