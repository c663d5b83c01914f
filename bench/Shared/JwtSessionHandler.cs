using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AsfQuart.Benchmarks;

/// <summary>
/// A personal access token handler for signed JWTs built on <see cref="JsonWebTokenHandler"/>:
/// <c>sub</c> becomes the user id and the space-separated <c>scope</c> claim becomes <c>Metadata["scope"]</c>.
/// </summary>
/// <remarks>
/// It replaces the library's own JWT handler, which is not merged yet, so that the JWT rows can be measured.
/// </remarks>
// TODO: replace this class with AsfQuart's JWT token handler (src/AsfQuart/Tokens/Jwt) once it is
// merged, in RequestBenchmarks, JwtValidationBenchmarks and the load test app, and measure again.
public sealed class JwtSessionHandler(TokenValidationParameters validationParameters, IMemoryCache? cache = null)
{
    // A cached session is used for at most this long, so a token revoked by key rotation stops working soon after.
    private static readonly TimeSpan MaxCacheDuration = TimeSpan.FromMinutes(5);

    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>Validates the token on every call.</summary>
    public async ValueTask<Session?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        var result = await _handler.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || string.IsNullOrEmpty(jwt.Subject))
        {
            return null;
        }

        var metadata = ImmutableDictionary<string, JsonElement>.Empty;
        if (jwt.TryGetPayloadValue<string>(BenchmarkIdentity.ScopeClaim, out var scope) && !string.IsNullOrEmpty(scope))
        {
            var scopes = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            metadata = metadata.Add("scope", JsonSerializer.SerializeToElement(scopes));
        }

        return new Session
        {
            Uid = jwt.Subject,
            FullName = jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Name, out var name) ? name : null,
            Metadata = metadata,
        };
    }

    /// <summary>Validates a token on its first call and returns the cached session until the token expires or five minutes pass.</summary>
    public ValueTask<Session?> AuthenticateCachedAsync(string token, CancellationToken cancellationToken)
    {
        if (cache is null)
        {
            throw new InvalidOperationException("AuthenticateCachedAsync needs the handler to be created with a memory cache.");
        }

        if (cache.TryGetValue(token, out Session? cached))
        {
            return ValueTask.FromResult(cached);
        }

        return ValidateAndCacheAsync(token, cancellationToken);
    }

    private async ValueTask<Session?> ValidateAndCacheAsync(string token, CancellationToken cancellationToken)
    {
        var session = await AuthenticateAsync(token, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return null;
        }

        var expires = new JsonWebToken(token).ValidTo;
        var cacheUntil = DateTimeOffset.UtcNow + MaxCacheDuration;
        using var entry = cache!.CreateEntry(token);
        entry.Value = session;
        entry.Size = 1;
        entry.AbsoluteExpiration = expires < cacheUntil.UtcDateTime ? new DateTimeOffset(expires, TimeSpan.Zero) : cacheUntil;
        return session;
    }
}
