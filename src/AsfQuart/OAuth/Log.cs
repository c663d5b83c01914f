using Microsoft.Extensions.Logging;

namespace AsfQuart;

/// <summary>
/// The log messages of the OAuth endpoint and its providers, event ids 200 to 249. None of them
/// takes a code, state, nonce, verifier, token or cookie value.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(200, LogLevel.Debug, "A login started with a return target of {TargetLength} characters.", EventName = "OAuthLoginStarted")]
    public static partial void LoginStarted(ILogger logger, int targetLength);

    [LoggerMessage(201, LogLevel.Information, "{Uid} logged in.", EventName = "OAuthLoggedIn")]
    public static partial void LoggedIn(ILogger logger, string uid);

    [LoggerMessage(202, LogLevel.Information, "A login callback came with an unknown, used or expired state.", EventName = "OAuthStateInvalid")]
    public static partial void StateInvalid(ILogger logger);

    [LoggerMessage(203, LogLevel.Warning, "A login callback came without the login cookie of the browser that started the login, which may be a login CSRF attempt.", EventName = "OAuthBrowserBindingMismatch")]
    public static partial void BrowserBindingMismatch(ILogger logger);

    [LoggerMessage(204, LogLevel.Information, "The identity provider returned no code, for example because the user cancelled the login.", EventName = "OAuthNoCode")]
    public static partial void ProviderReturnedNoCode(ILogger logger);

    [LoggerMessage(205, LogLevel.Warning, "The login failed with status {StatusCode}: {Reason}", EventName = "OAuthProviderRejected")]
    public static partial void ProviderRejected(ILogger logger, int statusCode, string? reason);

    [LoggerMessage(206, LogLevel.Warning, "The identity provider did not answer within {Timeout}.", EventName = "OAuthProviderTimedOut")]
    public static partial void ProviderTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(207, LogLevel.Error, "The call to the identity provider failed.", EventName = "OAuthProviderFailed")]
    public static partial void ProviderFailed(ILogger logger, Exception exception);

    [LoggerMessage(208, LogLevel.Debug, "The session of {Uid} was logged out.", EventName = "OAuthLoggedOut")]
    public static partial void LoggedOut(ILogger logger, string? uid);

    [LoggerMessage(209, LogLevel.Information, "A cross-site POST to the login endpoint was rejected.", EventName = "OAuthCrossSitePost")]
    public static partial void CrossSitePostRejected(ILogger logger);

    [LoggerMessage(210, LogLevel.Debug, "A redirect target of {TargetLength} characters is not a local path and was rejected.", EventName = "OAuthTargetRejected")]
    public static partial void RedirectTargetRejected(ILogger logger, int targetLength);

    [LoggerMessage(211, LogLevel.Warning, "The store of pending logins is full at {MaxPendingLogins}, and {Dropped} logins have been dropped, oldest first. Many logins are being started and not finished.", EventName = "OAuthPendingLoginsFull")]
    public static partial void PendingLoginsFull(ILogger logger, int maxPendingLogins, long dropped);

    [LoggerMessage(212, LogLevel.Warning, "A pending login in the distributed cache could not be read, so the callback is treated as having an unknown state.", EventName = "OAuthPendingLoginUnreadable")]
    public static partial void PendingLoginUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(215, LogLevel.Error, "The store of pending logins failed, so the login could not start or finish.", EventName = "OAuthPendingLoginStoreFailed")]
    public static partial void PendingLoginStoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(213, LogLevel.Warning, "The identity provider answered {Endpoint} with status {StatusCode}.", EventName = "OAuthProviderStatus")]
    public static partial void ProviderStatus(ILogger logger, string endpoint, int statusCode);

    [LoggerMessage(214, LogLevel.Warning, "The id_token of the identity provider failed validation: {Reason}", EventName = "OAuthIdTokenInvalid")]
    public static partial void IdTokenInvalid(ILogger logger, string reason);

    [LoggerMessage(216, LogLevel.Error, "The identity provider returned a session too large for a cookie (uid of {UidLength} characters, {CommitteeCount} committees, {ProjectCount} projects), so the login failed.", EventName = "OAuthSessionTooLarge")]
    public static partial void SessionTooLarge(ILogger logger, int uidLength, int committeeCount, int projectCount);
}
