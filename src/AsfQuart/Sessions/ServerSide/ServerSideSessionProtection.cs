using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Encrypts what the server-side store puts in the cookie and in the cache with Data Protection:
/// the session id, the session, and its last-access time. Every purpose includes the application
/// id, so one application cannot read or replay another's values.
/// </summary>
internal sealed class ServerSideSessionProtection
{
    private const string IdPurpose = "AsfQuart.ServerSideSession.Id.v1";
    private const string PayloadPurpose = "AsfQuart.ServerSideSession.Payload.v1";
    private const string AccessPurpose = "AsfQuart.ServerSideSession.Access.v1";
    private const int IdBytes = 32;
    private const int AccessBytes = 16;

    // A protected 32-byte id is about 150 characters, so anything much longer is not ours.
    private const int MaxCookieLength = 1024;

    private readonly IDataProtector _idProtector;
    private readonly IDataProtector _payloadRoot;
    private readonly IDataProtector _accessProtector;
    private readonly IOptions<AsfQuartOptions> _options;

    public ServerSideSessionProtection(SessionDataProtection dataProtection, IOptions<AsfQuartOptions> options)
    {
        _options = options;
        _idProtector = dataProtection.Provider.CreateProtector(IdPurpose, options.Value.AppId);
        _payloadRoot = dataProtection.Provider.CreateProtector(PayloadPurpose, options.Value.AppId);
        _accessProtector = dataProtection.Provider.CreateProtector(AccessPurpose, options.Value.AppId);
    }

    /// <summary>Creates a random 256-bit session id.</summary>
    public static byte[] CreateId() => RandomNumberGenerator.GetBytes(IdBytes);

    public string ProtectId(byte[] id) => Base64Url.EncodeToString(_idProtector.Protect(id));

    public bool TryUnprotectId(string cookieValue, string keyPrefix, out ServerSideSessionKeys keys)
    {
        keys = default;
        if (cookieValue.Length is 0 or > MaxCookieLength)
        {
            return false;
        }

        try
        {
            var id = _idProtector.Unprotect(Base64Url.DecodeFromChars(cookieValue));
            if (id.Length != IdBytes)
            {
                return false;
            }

            keys = ServerSideSessionKeys.ForId(keyPrefix, id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public byte[] ProtectPayload(ServerSideSessionKeys keys, Session session, DateTimeOffset validatedAt) =>
        Encoding.ASCII.GetBytes(CreatePayloadProtector(keys).Protect(session, validatedAt));

    public bool TryUnprotectPayload(ServerSideSessionKeys keys, byte[] payload, out CookieSession stored) =>
        CreatePayloadProtector(keys).TryUnprotect(Encoding.ASCII.GetString(payload), out stored);

    public byte[] ProtectAccess(DateTimeOffset lastAccessedAt, DateTimeOffset validatedAt)
    {
        var plain = new byte[AccessBytes];
        BinaryPrimitives.WriteInt64LittleEndian(plain, lastAccessedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64LittleEndian(plain.AsSpan(8), validatedAt.ToUnixTimeMilliseconds());
        return _accessProtector.Protect(plain);
    }

    public bool TryUnprotectAccess(byte[]? value, out DateTimeOffset lastAccessedAt, out DateTimeOffset validatedAt)
    {
        lastAccessedAt = default;
        validatedAt = default;
        if (value is null)
        {
            return false;
        }

        try
        {
            var plain = _accessProtector.Unprotect(value);
            if (plain.Length != AccessBytes)
            {
                return false;
            }

            lastAccessedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(plain));
            validatedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(plain.AsSpan(8)));
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // The payload is bound to its session id: a stored session copied under another id does not decrypt.
    private SessionCookieProtector CreatePayloadProtector(ServerSideSessionKeys keys) =>
        new(new SessionDataProtection(_payloadRoot.CreateProtector(keys.Payload)), _options);
}
