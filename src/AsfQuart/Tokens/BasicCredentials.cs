using System.Buffers.Text;
using System.Text;

namespace AsfQuart;

/// <summary>Decodes the credentials of <c>Authorization: Basic</c> (RFC 7617): base64 of UTF-8 <c>user-id:password</c>.</summary>
internal static class BasicCredentials
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryDecode(string encoded, out string userId, out string password, out string? error)
    {
        userId = "";
        password = "";

        if (!Base64.IsValid(encoded, out var decodedLength))
        {
            error = "The Basic credentials are not valid base64.";
            return false;
        }

        var bytes = new byte[decodedLength];
        Convert.TryFromBase64String(encoded, bytes, out var written);

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            error = "The Basic credentials are not valid UTF-8.";
            return false;
        }

        // The user id ends at the first colon; the password may contain more of them.
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            error = "The Basic credentials have no colon between user id and password.";
            return false;
        }

        if (colon == 0)
        {
            error = "The Basic credentials have an empty user id.";
            return false;
        }

        userId = text[..colon];
        password = text[(colon + 1)..];
        error = null;
        return true;
    }
}
