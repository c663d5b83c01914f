using Microsoft.Extensions.Logging;

namespace AsfQuart;

/// <summary>
/// The log messages of LDAP authentication and session validation, event ids 300 to 399. None of
/// them takes a password.
/// </summary>
internal static partial class LdapLog
{
    [LoggerMessage(300, LogLevel.Warning, "Connecting or binding to the LDAP server {Server} failed (result code {ResultCode}): {Error} The next server in AsfQuart:Ldap:Uris is tried, if there is one.", EventName = "LdapServerUnavailable")]
    public static partial void ServerUnavailable(ILogger logger, string server, int resultCode, string error, Exception exception);

    [LoggerMessage(301, LogLevel.Debug, "The LDAP server rejected the password of {UserId}.", EventName = "LdapInvalidCredentials")]
    public static partial void InvalidCredentials(ILogger logger, string userId);

    [LoggerMessage(302, LogLevel.Information, "The user id {UserId} cannot be part of a distinguished name; the login is rejected.", EventName = "LdapInvalidUserId")]
    public static partial void InvalidUserId(ILogger logger, string userId);

    [LoggerMessage(308, LogLevel.Information, "The password sent for {UserId} contains a NUL character, which LDAP cannot send; the login is rejected.", EventName = "LdapPasswordWithNul")]
    public static partial void PasswordWithNul(ILogger logger, string userId);

    [LoggerMessage(303, LogLevel.Information, "The account {UserId} was not found or is disabled in the directory.", EventName = "LdapAccountInactive")]
    public static partial void AccountInactive(ILogger logger, string userId);

    [LoggerMessage(304, LogLevel.Debug, "Looked up the account {UserId}: {CommitteeCount} committees, {ProjectCount} projects.", EventName = "LdapAccountLookedUp")]
    public static partial void AccountLookedUp(ILogger logger, string userId, int committeeCount, int projectCount);

    [LoggerMessage(305, LogLevel.Warning, "The LDAP group or group base {GroupDn} was not found; nobody gets the groups or role it stands for.", EventName = "LdapGroupNotFound")]
    public static partial void GroupNotFound(ILogger logger, string groupDn);

    [LoggerMessage(306, LogLevel.Warning, "Too many failed Basic logins for {Partition} {Key}: further logins get 429 until the window ends.", EventName = "LdapLoginRateLimited")]
    public static partial void LoginRateLimited(ILogger logger, string partition, string key);

    [LoggerMessage(307, LogLevel.Warning, "The connect and bind timeouts of libldap could not be set, because libldap or its ldap_set_option was not found; a server that never answers can block a bind.", EventName = "LdapTimeoutsNotSet")]
    public static partial void TimeoutsNotSet(ILogger logger);
}
