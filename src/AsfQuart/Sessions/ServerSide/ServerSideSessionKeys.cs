using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AsfQuart;

/// <summary>
/// Names the cache entries of one server-side session. Keys contain the SHA-256 of the session id,
/// never the id itself, so a list of the cache's keys yields no usable cookie.
/// </summary>
internal readonly record struct ServerSideSessionKeys(string Payload, string Access, string Tombstone)
{
    public static ServerSideSessionKeys ForId(string prefix, ReadOnlySpan<byte> sessionId)
    {
        var hash = Base64Url.EncodeToString(SHA256.HashData(sessionId));
        return new ServerSideSessionKeys(prefix + "s:" + hash, prefix + "a:" + hash, prefix + "t:" + hash);
    }

    public static string ForUser(string prefix, string uid) =>
        prefix + "u:" + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(uid)));
}
