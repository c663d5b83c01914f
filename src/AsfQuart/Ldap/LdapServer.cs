namespace AsfQuart;

/// <summary>One directory server from <see cref="LdapOptions.Uris"/>: host, port and whether TLS starts at connect (<c>ldaps://</c>).</summary>
internal sealed record LdapServer(string Host, int Port, bool UseLdaps)
{
    private const int LdapPort = 389;
    private const int LdapsPort = 636;

    public static bool TryParse(string value, out LdapServer? server, out string? error)
    {
        server = null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("ldap" or "ldaps"))
        {
            error = $"'{value}' is not an ldap:// or ldaps:// URI.";
            return false;
        }

        if (uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            error = $"'{value}' must name only a scheme, host and port, for example ldaps://ldap.example.org:636.";
            return false;
        }

        var useLdaps = uri.Scheme == "ldaps";
        var port = uri.Port;
        if (uri.IsDefaultPort || port < 0)
        {
            port = useLdaps ? LdapsPort : LdapPort;
        }

        server = new LdapServer(uri.IdnHost, port, useLdaps);
        error = null;
        return true;
    }

    public override string ToString() => $"{(UseLdaps ? "ldaps" : "ldap")}://{Host}:{Port}";
}
