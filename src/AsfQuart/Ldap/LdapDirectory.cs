using System.Collections.Immutable;
using System.DirectoryServices.Protocols;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Connects and binds to the configured directory servers and reads accounts and their groups.
/// Binds block on the network, so callers run them on a thread-pool thread; searches are asynchronous.
/// </summary>
internal sealed class LdapDirectory(IOptionsMonitor<LdapOptions> optionsMonitor, LdapMetrics metrics, ILogger<LdapDirectory> logger)
{
    // RFC 4511 result code invalidCredentials: wrong password, or no such user on most servers.
    private const int InvalidCredentialsCode = 49;

    private bool _timeoutWarningLogged;

    public LdapOptions Options => optionsMonitor.CurrentValue;

    /// <summary>Binds as <paramref name="dn"/>; returns the bound connection, or null when the server rejects the password.</summary>
    /// <exception cref="AuthenticationUnavailableException">No server could be reached.</exception>
    public LdapBoundConnection? BindAsUser(string userId, string dn, string password)
    {
        var connection = Bind(new NetworkCredential(dn, password), AuthType.Basic);
        if (connection is null)
        {
            LdapLog.InvalidCredentials(logger, userId);
        }

        return connection;
    }

    /// <summary>Binds as <see cref="LdapOptions.ServiceBindDn"/>, or anonymously when it is not set.</summary>
    /// <exception cref="AuthenticationUnavailableException">No server could be reached, or the service credentials were rejected.</exception>
    public LdapBoundConnection BindAsService()
    {
        var options = Options;
        var connection = options.ServiceBindDn is { } serviceDn
            ? Bind(new NetworkCredential(serviceDn, options.ServiceBindPassword), AuthType.Basic)
            : Bind(null, AuthType.Anonymous);

        // A rejected service password is a configuration error, not a reason to log users out.
        return connection ?? throw new AuthenticationUnavailableException("The LDAP server rejected AsfQuart:Ldap:ServiceBindDn and its password.");
    }

    /// <summary>
    /// Reads the account at <paramref name="dn"/> and, when <paramref name="withGroups"/> is set, its
    /// committees, projects and role flags. Returns null when the entry does not exist or is disabled.
    /// </summary>
    /// <exception cref="AuthenticationUnavailableException">A search failed or timed out.</exception>
    public async Task<LdapAccount?> LookUpAccountAsync(LdapBoundConnection connection, string userId, string dn, bool withGroups)
    {
        var options = Options;
        metrics.Lookup();
        try
        {
            var entry = await ReadActiveEntryAsync(connection, options, dn).ConfigureAwait(false);
            if (entry is null || (options.ActiveAccountGroup is { } requiredGroup && !await IsInGroupAsync(connection, options, requiredGroup, userId, dn).ConfigureAwait(false)))
            {
                LdapLog.AccountInactive(logger, userId);
                return null;
            }

            var account = new LdapAccount
            {
                Dn = dn,
                FullName = FirstValue(entry, options.FullNameAttribute),
                Email = FirstValue(entry, options.EmailAttribute),
            };
            if (!withGroups)
            {
                return account;
            }

            account = account with
            {
                Committees = await FindGroupNamesAsync(connection, options, $"({options.OwnerAttribute}={LdapEscaping.EscapeFilterValue(dn)})").ConfigureAwait(false),
                Projects = await FindGroupNamesAsync(connection, options, MemberFilter(options, userId, dn)).ConfigureAwait(false),
                IsMember = options.MemberGroup is { } memberGroup && await IsInGroupAsync(connection, options, memberGroup, userId, dn).ConfigureAwait(false),
                IsChair = options.ChairGroup is { } chairGroup && await IsInGroupAsync(connection, options, chairGroup, userId, dn).ConfigureAwait(false),
                IsRoot = options.RootGroup is { } rootGroup && await IsInGroupAsync(connection, options, rootGroup, userId, dn).ConfigureAwait(false),
            };
            LdapLog.AccountLookedUp(logger, userId, account.Committees.Length, account.Projects.Length);
            return account;
        }
        catch (Exception exception) when (exception is LdapException or DirectoryOperationException or TimeoutException)
        {
            throw new AuthenticationUnavailableException($"An LDAP search for the account {userId} failed.", exception);
        }
    }

    private LdapBoundConnection? Bind(NetworkCredential? credential, AuthType authType)
    {
        var options = Options;
        Exception? lastFailure = null;
        foreach (var uri in options.Uris)
        {
            LdapServer.TryParse(uri, out var server, out _);
            var connection = Connect(server!, options, authType);
            try
            {
                if (options.StartTls && !server!.UseLdaps)
                {
                    connection.SessionOptions.StartTransportLayerSecurity(null);
                }

                if (credential is null)
                {
                    connection.Bind();
                }
                else
                {
                    connection.Bind(credential);
                }

                metrics.Bind("success");
                return new LdapBoundConnection(connection);
            }
            catch (LdapException exception) when (exception.ErrorCode == InvalidCredentialsCode)
            {
                connection.Dispose();
                metrics.Bind("invalid_credentials");
                return null;
            }
            catch (Exception exception) when (exception is LdapException or DirectoryOperationException or TimeoutException or PlatformNotSupportedException)
            {
                connection.Dispose();
                var resultCode = exception is LdapException ldapException ? ldapException.ErrorCode : 0;
                LdapLog.ServerUnavailable(logger, server!.ToString(), resultCode, exception.Message, exception);
                lastFailure = exception;
            }
        }

        metrics.Bind("unavailable");
        throw new AuthenticationUnavailableException("No LDAP server in AsfQuart:Ldap:Uris could be reached.", lastFailure!);
    }

    private LdapConnection Connect(LdapServer server, LdapOptions options, AuthType authType)
    {
        if (!OpenLdapTimeouts.Apply(options.ConnectTimeout) && !_timeoutWarningLogged)
        {
            _timeoutWarningLogged = true;
            LdapLog.TimeoutsNotSet(logger);
        }

        var identifier = new LdapDirectoryIdentifier(server.Host, server.Port, fullyQualifiedDnsHostName: false, connectionless: false);
        var connection = new LdapConnection(identifier)
        {
            AuthType = authType,
            AutoBind = false,
            Timeout = options.ConnectTimeout,
        };

        var session = connection.SessionOptions;
        session.ProtocolVersion = 3;
        session.ReferralChasing = ReferralChasingOptions.None;
        if (server.UseLdaps)
        {
            session.SecureSocketLayer = true;
        }

        if (options.TrustedCertificatesDirectory is { } directory && !OperatingSystem.IsWindows())
        {
            session.TrustedCertificatesDirectory = directory;
            session.StartNewTlsSessionContext();
        }

        return connection;
    }

    private async Task<SearchResultEntry?> ReadActiveEntryAsync(LdapBoundConnection connection, LdapOptions options, string dn)
    {
        var filter = options.ActiveAccountFilter ?? "(objectClass=*)";
        var entries = await SearchAsync(connection, options, dn, SearchScope.Base, filter, options.FullNameAttribute, options.EmailAttribute).ConfigureAwait(false);
        return entries is { Count: > 0 } ? entries[0] : null;
    }

    private async Task<bool> IsInGroupAsync(LdapBoundConnection connection, LdapOptions options, string groupDn, string userId, string dn)
    {
        // "1.1" requests no attributes (RFC 4511 section 4.5.1.8), because only whether the group matches counts.
        var entries = await SearchAsync(connection, options, groupDn, SearchScope.Base, MemberFilter(options, userId, dn), "1.1").ConfigureAwait(false);
        if (entries is null)
        {
            LdapLog.GroupNotFound(logger, groupDn);
            return false;
        }

        return entries.Count > 0;
    }

    private async Task<ImmutableArray<string>> FindGroupNamesAsync(LdapBoundConnection connection, LdapOptions options, string filter)
    {
        var entries = await SearchAsync(connection, options, options.GroupBase, SearchScope.Subtree, filter, options.GroupNameAttribute).ConfigureAwait(false);
        if (entries is null)
        {
            LdapLog.GroupNotFound(logger, options.GroupBase);
            return [];
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (FirstValue(entry, options.GroupNameAttribute) is { } name)
            {
                names.Add(name);
            }
        }

        return [.. names];
    }

    // Returns null when the base entry does not exist, which the caller reads as no account or no group.
    private async Task<List<SearchResultEntry>?> SearchAsync(LdapBoundConnection connection, LdapOptions options, string baseDn, SearchScope scope, string filter, params string[] attributes)
    {
        metrics.Search();
        var request = new SearchRequest(baseDn, filter, scope, attributes);
        try
        {
            var response = await connection.SearchAsync(request, options.OperationTimeout).ConfigureAwait(false);
            return response.Entries.Cast<SearchResultEntry>().ToList();
        }
        catch (DirectoryOperationException exception) when (exception.Response?.ResultCode == ResultCode.NoSuchObject)
        {
            return null;
        }
    }

    private static string MemberFilter(LdapOptions options, string userId, string dn)
    {
        var byDn = $"({options.MemberAttribute}={LdapEscaping.EscapeFilterValue(dn)})";
        return options.MemberUidAttribute is { } uidAttribute
            ? $"(|{byDn}({uidAttribute}={LdapEscaping.EscapeFilterValue(userId)}))"
            : byDn;
    }

    private static string? FirstValue(SearchResultEntry entry, string attribute)
    {
        var values = entry.Attributes[attribute]?.GetValues(typeof(string));
        return values is { Length: > 0 } ? (string)values[0] : null;
    }
}
