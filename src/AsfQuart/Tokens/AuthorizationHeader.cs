namespace AsfQuart;

/// <summary>
/// Parses an <c>Authorization</c> header value as RFC 9110 section 11.6.2 and RFC 6750 section 2.1
/// describe it: a case-insensitive scheme, one or more spaces, and credentials in token68 form.
/// </summary>
internal static class AuthorizationHeader
{
    public static AuthorizationScheme Parse(string value, out string credentials, out string? error)
    {
        credentials = "";
        error = null;

        var schemeEnd = value.IndexOf(' ', StringComparison.Ordinal);
        var scheme = schemeEnd < 0 ? value : value[..schemeEnd];
        var kind = scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) ? AuthorizationScheme.Bearer
            : scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) ? AuthorizationScheme.Basic
            : AuthorizationScheme.Other;
        if (kind == AuthorizationScheme.Other)
        {
            return kind;
        }

        var rest = schemeEnd < 0 ? "" : value[(schemeEnd + 1)..].TrimStart(' ');
        if (rest.Length == 0)
        {
            error = $"The Authorization header has no {scheme} credentials.";
            return kind;
        }

        foreach (var character in rest)
        {
            // Visible ASCII only: token68 has no spaces, tabs or control characters, and a byte beyond
            // ASCII cannot be part of a token or of base64.
            if (character is < '!' or > '~')
            {
                error = $"The {scheme} credentials in the Authorization header contain a space, control or non-ASCII character.";
                return kind;
            }
        }

        credentials = rest;
        return kind;
    }
}

internal enum AuthorizationScheme
{
    Other,
    Bearer,
    Basic,
}
