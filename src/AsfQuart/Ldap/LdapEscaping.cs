using System.Globalization;
using System.Text;

namespace AsfQuart;

/// <summary>Escapes values for use inside a distinguished name (RFC 4514) and inside a search filter (RFC 4515).</summary>
internal static class LdapEscaping
{
    // A user id longer than this is no account name; refusing it early keeps huge values out of DNs and logs.
    public const int MaxUserIdLength = 256;

    /// <summary>Escapes a user id as an attribute value of a DN, or returns null when it cannot be one.</summary>
    public static string? EscapeUserIdForDn(string userId)
    {
        if (userId.Length is 0 or > MaxUserIdLength)
        {
            return null;
        }

        var builder = new StringBuilder(userId.Length + 8);
        for (var index = 0; index < userId.Length; index++)
        {
            var character = userId[index];

            // Control characters (NUL included) and lone surrogates cannot be sent as UTF-8 in a DN.
            if (char.IsControl(character) || (char.IsSurrogate(character) && !IsSurrogatePairAt(userId, index)))
            {
                return null;
            }

            var mustEscape = character is ',' or '+' or '"' or '\\' or '<' or '>' or ';' or '='
                || (index == 0 && character is ' ' or '#')
                || (index == userId.Length - 1 && character == ' ');
            if (mustEscape)
            {
                builder.Append('\\');
            }

            builder.Append(character);
            if (char.IsHighSurrogate(character))
            {
                index++;
                builder.Append(userId[index]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Escapes an assertion value of a search filter: <c>*</c>, <c>(</c>, <c>)</c>, <c>\</c> and NUL become <c>\XX</c>.</summary>
    public static string EscapeFilterValue(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var character in value)
        {
            if (character is '*' or '(' or ')' or '\\' or '\0')
            {
                builder.Append('\\').Append(((int)character).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(character);
            }
        }

        return builder.ToString();
    }

    private static bool IsSurrogatePairAt(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]);
}
