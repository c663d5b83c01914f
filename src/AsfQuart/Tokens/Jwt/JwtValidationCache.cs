using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace AsfQuart;

/// <summary>
/// Keeps the sessions of recently validated tokens, keyed by the SHA-256 of the token, so the cache
/// never contains a token that a memory dump could replay. Bounded by <see cref="JwtTokenOptions.CacheSizeLimit"/>.
/// </summary>
/// <remarks>
/// Expiry is checked against the application's <see cref="TimeProvider"/> on every read; the memory
/// cache's own expiration, on the system clock, only frees the memory.
/// </remarks>
internal sealed class JwtValidationCache : IDisposable
{
    private readonly MemoryCache _cache;

    public JwtValidationCache(int sizeLimit)
    {
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = sizeLimit });
    }

    public IEnumerable<object> Keys => _cache.Keys;

    public static string KeyFor(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public bool TryGet(string key, DateTimeOffset now, out JwtValidation validation)
    {
        if (_cache.TryGetValue(key, out JwtValidation? cached) && cached is not null)
        {
            if (now < cached.ValidUntil)
            {
                validation = cached;
                return true;
            }

            _cache.Remove(key);
        }

        validation = null!;
        return false;
    }

    public void Set(string key, JwtValidation validation, DateTimeOffset now)
    {
        var lifetime = validation.ValidUntil - now;
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        // When the cache is full the entry is dropped and the next request validates again.
        _cache.Set(key, validation, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
    }

    public void Dispose() => _cache.Dispose();
}

/// <summary>The outcome of validating one token: its session, its <c>jti</c>, and until when the outcome may be reused.</summary>
internal sealed record JwtValidation(Session Session, string? TokenId, DateTimeOffset ValidUntil);
