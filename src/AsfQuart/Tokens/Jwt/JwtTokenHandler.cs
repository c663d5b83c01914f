using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AsfQuart;

/// <summary>
/// Accepts signed JWTs as personal access tokens: checks signature, algorithm, issuer, audience and
/// lifetime, maps the claims to a <see cref="Session"/>, reuses the result for a short time, and
/// rejects a token whose <c>jti</c> is on the revocation list on every request.
/// </summary>
internal sealed class JwtTokenHandler : ITokenHandler, IDisposable
{
    private readonly JwtTokenOptions _options;
    private readonly JwtRevocationList _revocations;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<JwtTokenHandler> _logger;
    private readonly JsonWebTokenHandler _tokenHandler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;
    private readonly IReadOnlyList<SecurityKey> _keys;

    public JwtTokenHandler(IOptions<JwtTokenOptions> options, JwtRevocationList revocations, TimeProvider timeProvider, ILogger<JwtTokenHandler> logger)
    {
        _options = options.Value;
        _revocations = revocations;
        _timeProvider = timeProvider;
        _logger = logger;
        _keys = _options.IssuingCredentials is { } credentials ? [.. _options.SigningKeys, credentials.Key] : [.. _options.SigningKeys];
        _parameters = CreateParameters();
        Cache = new JwtValidationCache(_options.CacheSizeLimit);
    }

    internal JwtValidationCache Cache { get; }

    public async ValueTask<Session?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);

        var now = _timeProvider.GetUtcNow();
        var key = JwtValidationCache.KeyFor(token);
        if (!Cache.TryGet(key, now, out var validation))
        {
            validation = await ValidateAsync(token, now).ConfigureAwait(false);
            if (validation is null)
            {
                return null;
            }

            Cache.Set(key, validation, now);
        }

        // Checked on every request, cached or not, so a revocation in a shared cache takes effect on every
        // instance at its next request.
        if (validation.TokenId is { } tokenId && await _revocations.IsRevokedAsync(tokenId, cancellationToken).ConfigureAwait(false))
        {
            JwtLog.RevokedTokenUsed(_logger, tokenId, validation.Session.Uid);
            return null;
        }

        return validation.Session;
    }

    public void Dispose() => Cache.Dispose();

    private async Task<JwtValidation?> ValidateAsync(string token, DateTimeOffset now)
    {
        var result = await _tokenHandler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            // The exception type names the failed check (lifetime, signature, issuer...); its message is left
            // out because it may quote parts of the token.
            JwtLog.TokenInvalid(_logger, result.Exception?.GetType().Name ?? "unreadable token");
            return null;
        }

        // RFC 7515, section 4.1.11: a recipient must reject a token whose crit header lists an extension it
        // does not understand, and this handler understands none. Microsoft.IdentityModel 8.23 accepts such a token.
        if (jwt.TryGetHeaderValue<object>("crit", out _))
        {
            JwtLog.TokenInvalid(_logger, "crit header");
            return null;
        }

        if (!JwtSessionMapper.TryMap(jwt.EncodedPayload, _options, out var session, out var tokenId))
        {
            JwtLog.TokenWithoutSubject(_logger);
            return null;
        }

        if (tokenId is null && _options.RequireTokenId)
        {
            JwtLog.TokenWithoutId(_logger, session.Uid);
            return null;
        }

        var expiresAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) + _options.ClockSkew;
        var cachedUntil = now + _options.CacheDuration;
        return new JwtValidation(session, tokenId, cachedUntil < expiresAt ? cachedUntil : expiresAt);
    }

    private TokenValidationParameters CreateParameters() => new()
    {
        ValidIssuer = _options.Issuer,
        ValidAudience = _options.Audience,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidAlgorithms = [.. _options.Algorithms],
        ClockSkew = _options.ClockSkew,
        LifetimeValidator = IsWithinLifetime,
        IssuerSigningKeyResolver = ResolveKeys,
        TryAllIssuerSigningKeys = false,
    };

    // IdentityModel's default lifetime check reads the system clock. This one reads the application's
    // TimeProvider, so tests can move a fake clock, and applies the same rule: nbf - skew <= now < exp + skew.
    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken securityToken, TokenValidationParameters parameters)
    {
        if (expires is not { } expiry)
        {
            return false;
        }

        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (notBefore is { } start && (start > expiry || start > now + _options.ClockSkew))
        {
            return false;
        }

        return expiry + _options.ClockSkew > now;
    }

    // A kid selects exactly one key; a token that names an unknown key fails instead of being tried
    // against every key.
    private IEnumerable<SecurityKey> ResolveKeys(string token, SecurityToken securityToken, string kid, TokenValidationParameters parameters)
    {
        if (string.IsNullOrEmpty(kid))
        {
            return _keys;
        }

        return _keys.Where(key => string.Equals(key.KeyId, kid, StringComparison.Ordinal));
    }
}
