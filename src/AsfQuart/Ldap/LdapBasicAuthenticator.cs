using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AsfQuart;

/// <summary>
/// Checks <c>Authorization: Basic</c> credentials against an LDAP directory: binds as the user on
/// every request, and takes committees, projects and role flags from a lookup that is cached per
/// user id for <see cref="LdapOptions.AffiliationCacheDuration"/>.
/// </summary>
internal sealed class LdapBasicAuthenticator(
    LdapDirectory directory,
    LdapAffiliationCache cache,
    LdapLoginRateLimiter rateLimiter,
    IHttpContextAccessor httpContextAccessor,
    ILogger<LdapBasicAuthenticator> logger) : IBasicAuthenticator
{
    public async ValueTask<Session?> AuthenticateAsync(string userId, string password, CancellationToken cancellationToken)
    {
        var address = httpContextAccessor.HttpContext?.Connection.RemoteIpAddress;
        rateLimiter.ThrowIfLimited(userId, address);

        // The native LDAP client sends the password as a C string, so a NUL would end it early: the
        // server would check only the part before it, or see an unauthenticated bind for a leading NUL.
        if (password.Contains('\0', StringComparison.Ordinal))
        {
            LdapLog.PasswordWithNul(logger, userId);
            rateLimiter.RecordFailure(userId, address);
            return null;
        }

        var options = directory.Options;
        // LDAP matching ignores leading and trailing spaces, so " jdoe " would bind as jdoe but keep its
        // own spelling in the session and get its own budget in the rate limiter.
        var escapedUserId = userId.StartsWith(' ') || userId.EndsWith(' ') ? null : LdapEscaping.EscapeUserIdForDn(userId);
        if (escapedUserId is null)
        {
            LdapLog.InvalidUserId(logger, userId);
            rateLimiter.RecordFailure(userId, address);
            return null;
        }

        var dn = options.UserDnTemplate.Replace("%s", escapedUserId, StringComparison.Ordinal);
        // The bind blocks, so it runs on the thread pool. When the request is cancelled the core stops
        // waiting, and the bind ends at the latest when ConnectTimeout passes.
        var account = await Task.Run(() => AuthenticateCore(userId, dn, password, options), CancellationToken.None).ConfigureAwait(false);
        if (account is null)
        {
            rateLimiter.RecordFailure(userId, address);
            return null;
        }

        // TODO: LDAP matches uid without regard to case, so JDOE binds as jdoe and gets a session whose
        // Uid is JDOE. Taking the uid from the directory entry would give every spelling the same Uid.
        return new Session
        {
            Uid = userId,
            Dn = account.Dn,
            FullName = account.FullName,
            Email = account.Email ?? $"{userId}@apache.org",
            Committees = account.Committees,
            Projects = account.Projects,
            IsMember = account.IsMember,
            IsChair = account.IsChair,
            IsRoot = account.IsRoot,
        };
    }

    private async Task<LdapAccount?> AuthenticateCore(string userId, string dn, string password, LdapOptions options)
    {
        using var connection = directory.BindAsUser(userId, dn, password);
        if (connection is null)
        {
            return null;
        }

        // The lookup runs on this request's connection. Requests for the same user that bind while it
        // runs wait for its result and then close their own connections.
        return await cache.GetOrLoadAsync(userId, options.AffiliationCacheDuration, () => Task.Run(() => directory.LookUpAccountAsync(connection, userId, dn, withGroups: true))).ConfigureAwait(false);
    }
}
