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
        if (scheme.Length == 0 || !scheme.All(IsTokenCharacter))
        {
            // A tab after "Bearer" lands here too: RFC 9110 allows only spaces between scheme and credentials.
            error = "The Authorization header does not start with a valid scheme name followed by a space.";
            return AuthorizationScheme.Other;
        }

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

    // The tchar set of RFC 9110 section 5.6.2, which scheme names are made of.
    private static bool IsTokenCharacter(char character) =>
        char.IsAsciiLetterOrDigit(character) || "!#$%&'*+-.^_`|~".Contains(character, StringComparison.Ordinal);
}

internal enum AuthorizationScheme
{
    Other,
    Bearer,
    Basic,
}
