using Microsoft.Extensions.Logging;

namespace AsfQuart;

/// <summary>
/// Ends a cookie session whose account no longer exists in the directory or is disabled there
/// (<see cref="LdapOptions.ActiveAccountFilter"/>, <see cref="LdapOptions.ActiveAccountGroup"/>).
/// AsfQuart calls it once per <see cref="AsfQuartOptions.ValidationInterval"/> for each session.
/// </summary>
/// <remarks>
/// When the directory cannot be reached it throws <see cref="AuthenticationUnavailableException"/>,
/// which keeps the session and validates it again on its next request. Sessions of role accounts
/// (<see cref="Session.IsRoleAccount"/>) are not checked, because role accounts are not directory users.
/// </remarks>
internal sealed class LdapSessionValidator(LdapDirectory directory, ILogger<LdapSessionValidator> logger) : ISessionValidator
{
    public async ValueTask ValidateAsync(SessionValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        var session = context.Session;
        if (session.IsRoleAccount)
        {
            return;
        }

        var escapedUserId = LdapEscaping.EscapeUserIdForDn(session.Uid);
        if (escapedUserId is null)
        {
            LdapLog.InvalidUserId(logger, session.Uid);
            context.RejectSession("The user id cannot be looked up in the directory.");
            return;
        }

        var dn = directory.Options.UserDnTemplate.Replace("%s", escapedUserId, StringComparison.Ordinal);
        var account = await Task.Run(() => LookUp(session.Uid, dn), CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            context.RejectSession("The account does not exist or is disabled in the directory.");
        }
    }

    private async Task<LdapAccount?> LookUp(string userId, string dn)
    {
        using var connection = directory.BindAsService();
        return await directory.LookUpAccountAsync(connection, userId, dn, withGroups: false).ConfigureAwait(false);
    }
}
