using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace AsfQuart;

/// <summary>
/// Derives store keys from states. A key is the SHA-256 of the state, so a cache dump or a key
/// listing reveals no state that a callback would accept.
/// </summary>
internal static class PendingLoginKeys
{
    private const string CachePrefix = "asfquart:oauth:state:";

    public static string Hash(string value) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public static string CacheKey(string state) => CachePrefix + Hash(state);
}
