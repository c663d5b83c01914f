using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace AsfQuart;

/// <summary>Creates the random values of a login: states, nonces, PKCE verifiers and browser bindings.</summary>
internal static class OAuthRandom
{
    /// <summary>The length of every value this class creates: 32 random bytes in base64url.</summary>
    public const int ValueLength = 43;

    /// <summary>Creates 256 random bits in base64url, 43 characters.</summary>
    public static string CreateValue() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Computes the PKCE <c>S256</c> challenge of a verifier (RFC 7636, section 4.2).</summary>
    public static string CreateCodeChallenge(string codeVerifier) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));

    /// <summary>Determines whether a value from a request has the shape of a value this class creates.</summary>
    public static bool HasValueShape(string? value) =>
        value is { Length: ValueLength } && value.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_');
}
