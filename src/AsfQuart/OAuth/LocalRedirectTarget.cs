namespace AsfQuart;

/// <summary>
/// Decides whether a redirect target from a query string is a path on this site, so that
/// <c>?login=</c> and <c>?logout=</c> cannot send a browser to another site (an open redirect).
/// </summary>
internal static class LocalRedirectTarget
{
    /// <summary>The maximum length of a target, in characters.</summary>
    public const int MaxLength = 2048;

    // Percent-decoding more often than this finds nothing new in any target a browser would follow.
    private const int MaxDecodeRounds = 3;

    /// <summary>
    /// Determines whether <paramref name="target"/> is a local path: it starts with one <c>/</c>, is
    /// printable ASCII without spaces or backslashes, and no percent-decoding of it starts with
    /// <c>//</c> or <c>/\</c> or contains a backslash or a control character.
    /// </summary>
    public static bool IsLocal(string target)
    {
        if (target.Length is 0 or > MaxLength || !IsSafeLocalPath(target))
        {
            return false;
        }

        var decoded = target;
        for (var round = 0; round < MaxDecodeRounds; round++)
        {
            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded)
            {
                return true;
            }

            if (!IsSafeDecodedPath(next))
            {
                return false;
            }

            decoded = next;
        }

        return false;
    }

    private static bool IsSafeLocalPath(string target)
    {
        if (target[0] != '/' || (target.Length > 1 && target[1] is '/' or '\\'))
        {
            return false;
        }

        foreach (var character in target)
        {
            // Printable ASCII only: no space, control character, DEL, backslash or raw non-ASCII text.
            if (character is <= ' ' or >= '\x7f' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSafeDecodedPath(string decoded)
    {
        if (decoded.Length == 0 || decoded[0] != '/' || (decoded.Length > 1 && decoded[1] is '/' or '\\'))
        {
            return false;
        }

        foreach (var character in decoded)
        {
            if (char.IsControl(character) || character == '\\')
            {
                return false;
            }
        }

        return true;
    }
}
