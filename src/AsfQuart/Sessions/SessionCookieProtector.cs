using System.Buffers.Text;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Encrypts sessions into cookie values and back with ASP.NET Core Data Protection. The purpose
/// includes the application id, so one application cannot read another's cookies.
/// </summary>
internal sealed class SessionCookieProtector
{
    public const string Purpose = "AsfQuart.SessionCookie.v1";

    // A session of a few hundred projects encrypts to well under this, so anything longer is not ours.
    // Rejecting it before decoding keeps a hostile megabyte-long cookie cheap.
    public const int MaxProtectedLength = 64 * 1024;

    private readonly IDataProtector _protector;

    public SessionCookieProtector(SessionDataProtection dataProtection, IOptions<AsfQuartOptions> options)
    {
        _protector = dataProtection.Provider.CreateProtector(Purpose, options.Value.AppId);
    }

    public string Protect(Session session, DateTimeOffset validatedAt)
    {
        var payload = new SessionCookiePayload
        {
            Version = SessionCookiePayload.CurrentVersion,
            Uid = session.Uid,
            Dn = session.Dn,
            FullName = session.FullName,
            Email = session.Email == $"{session.Uid}@apache.org" ? null : session.Email,
            IsMember = session.IsMember,
            IsChair = session.IsChair,
            IsRoot = session.IsRoot,
            Committees = session.Committees.IsDefaultOrEmpty ? null : [.. session.Committees],
            Projects = session.Projects.IsDefaultOrEmpty ? null : [.. session.Projects],
            Mfa = session.Mfa,
            IsRoleAccount = session.IsRoleAccount,
            Metadata = session.Metadata.IsEmpty ? null : new Dictionary<string, JsonElement>(session.Metadata),
            CreatedAt = session.CreatedAt.ToUnixTimeMilliseconds(),
            LastAccessedAt = session.LastAccessedAt.ToUnixTimeMilliseconds(),
            ValidatedAt = validatedAt.ToUnixTimeMilliseconds(),
        };

        var json = JsonSerializer.SerializeToUtf8Bytes(payload, SessionCookieJsonContext.Default.SessionCookiePayload);
        var protectedBytes = _protector.Protect(json);
        return Base64Url.EncodeToString(protectedBytes);
    }

    public bool TryUnprotect(string value, out CookieSession cookieSession)
    {
        cookieSession = default;
        if (value.Length is 0 or > MaxProtectedLength)
        {
            return false;
        }

        try
        {
            var protectedBytes = Base64Url.DecodeFromChars(value);
            var json = _protector.Unprotect(protectedBytes);
            var payload = JsonSerializer.Deserialize(json, SessionCookieJsonContext.Default.SessionCookiePayload);
            return TryCreateSession(payload, out cookieSession);
        }
        catch (FormatException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            // A time outside the range of DateTimeOffset.
            return false;
        }
    }

    private static bool TryCreateSession(SessionCookiePayload? payload, out CookieSession cookieSession)
    {
        cookieSession = default;
        if (payload is null || payload.Version != SessionCookiePayload.CurrentVersion || string.IsNullOrEmpty(payload.Uid))
        {
            return false;
        }

        if (payload.Metadata is not null)
        {
            foreach (var value in payload.Metadata.Values)
            {
                if (!HasReadableStrings(value))
                {
                    return false;
                }
            }
        }

        var session = new Session
        {
            Uid = payload.Uid,
            Dn = payload.Dn,
            FullName = payload.FullName,
            Email = payload.Email!,
            IsMember = payload.IsMember,
            IsChair = payload.IsChair,
            IsRoot = payload.IsRoot,
            // The payload is discarded after this, so its arrays can back the session without a copy.
            Committees = payload.Committees is null ? [] : ImmutableCollectionsMarshal.AsImmutableArray(payload.Committees),
            Projects = payload.Projects is null ? [] : ImmutableCollectionsMarshal.AsImmutableArray(payload.Projects),
            Mfa = payload.Mfa,
            IsRoleAccount = payload.IsRoleAccount,
            Metadata = ToImmutable(payload.Metadata),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(payload.CreatedAt),
            LastAccessedAt = DateTimeOffset.FromUnixTimeMilliseconds(payload.LastAccessedAt),
            Source = SessionSource.Cookie,
        };

        cookieSession = new CookieSession(session, DateTimeOffset.FromUnixTimeMilliseconds(payload.ValidatedAt));
        return true;
    }

    // JsonElement checks the UTF-8 of a string only when it is read. A payload this code did not write
    // (another version, or one forged with a leaked key) could otherwise fail later, in Scopes or a
    // handler, on every request until the cookie expires.
    private static bool HasReadableStrings(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return IsReadable(JsonMarshal.GetRawUtf8Value(element)) || element.GetString() is not null;

                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        if (!HasReadableStrings(item))
                        {
                            return false;
                        }
                    }

                    return true;

                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (!IsReadable(JsonMarshal.GetRawUtf8PropertyName(property)) && property.Name is null)
                        {
                            return false;
                        }

                        if (!HasReadableStrings(property.Value))
                        {
                            return false;
                        }
                    }

                    return true;

                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // Raw UTF-8 without escapes is readable as it is. Anything else is decoded once, which throws when it is not readable.
    private static bool IsReadable(ReadOnlySpan<byte> raw) => !raw.Contains((byte)'\\') && Utf8.IsValid(raw);

    // Adding one by one allocates less than ToImmutableDictionary, which boxes the dictionary's enumerator.
    private static ImmutableDictionary<string, JsonElement> ToImmutable(Dictionary<string, JsonElement>? metadata)
    {
        var result = ImmutableDictionary<string, JsonElement>.Empty;
        if (metadata is null)
        {
            return result;
        }

        foreach (var (key, value) in metadata)
        {
            result = result.Add(key, value);
        }

        return result;
    }
}
