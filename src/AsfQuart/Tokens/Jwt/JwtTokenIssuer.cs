using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AsfQuart;

/// <summary>
/// Issues short-lived JWTs that the JWT token handler accepts, for an application that exchanges its
/// users' long-lived personal access tokens for them. Each token gets a random <c>jti</c>, so it can be revoked.
/// </summary>
public sealed class JwtTokenIssuer
{
    private readonly JwtTokenOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<JwtTokenIssuer> _logger;
    private readonly JsonWebTokenHandler _tokenHandler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The JWT options; <see cref="JwtTokenOptions.IssuingCredentials"/> must be set to issue.</param>
    /// <param name="timeProvider">The clock for <c>iat</c>, <c>nbf</c> and <c>exp</c>.</param>
    /// <param name="logger">The logger.</param>
    public JwtTokenIssuer(IOptions<JwtTokenOptions> options, TimeProvider timeProvider, ILogger<JwtTokenIssuer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Creates a signed JWT for a session: <c>sub</c>, <c>jti</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c>,
    /// <c>iss</c> and <c>aud</c>, plus the session's name, committees, projects, scopes, role-account
    /// flag and the metadata keys named in <see cref="JwtTokenOptions.ClaimMap"/>.
    /// </summary>
    /// <param name="session">The session the token stands for.</param>
    /// <param name="lifetime">How long the token is valid; <see cref="JwtTokenOptions.IssuedTokenLifetime"/> when <see langword="null"/>.</param>
    /// <returns>The token with its id and expiry.</returns>
    /// <exception cref="InvalidOperationException"><see cref="JwtTokenOptions.IssuingCredentials"/> is not set.</exception>
    public JwtIssuedToken Issue(Session session, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (lifetime is { } requested)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(requested, TimeSpan.Zero, nameof(lifetime));
        }

        var credentials = _options.IssuingCredentials
            ?? throw new InvalidOperationException("JwtTokenOptions.IssuingCredentials is not set. Set the signing key and algorithm in AddAsfJwtTokens to issue tokens.");

        var now = _timeProvider.GetUtcNow();
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var expiresAt = issuedAt + (lifetime ?? _options.IssuedTokenLifetime);
        var tokenId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = credentials,
            Claims = CreateClaims(session, tokenId),
        };

        var token = _tokenHandler.CreateToken(descriptor);
        JwtLog.TokenIssued(_logger, tokenId, session.Uid, expiresAt);
        return new JwtIssuedToken(token, tokenId, expiresAt);
    }

    private Dictionary<string, object> CreateClaims(Session session, string tokenId)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtSessionMapper.Subject] = session.Uid,
            [JwtSessionMapper.TokenId] = tokenId,
        };

        if (session.FullName is { } name)
        {
            claims[JwtSessionMapper.Name] = name;
        }

        if (session.Committees.Length > 0)
        {
            claims[JwtSessionMapper.Committees] = session.Committees.ToArray();
        }

        if (session.Projects.Length > 0)
        {
            claims[JwtSessionMapper.Projects] = session.Projects.ToArray();
        }

        if (session.Scopes.Count > 0)
        {
            claims[JwtSessionMapper.Scope] = string.Join(' ', session.Scopes);
        }

        if (session.IsRoleAccount)
        {
            claims[_options.RoleAccountClaim] = true;
        }

        foreach (var (claim, key) in _options.ClaimMap)
        {
            if (session.Metadata.TryGetValue(key, out var value))
            {
                claims[claim] = value;
            }
        }

        return claims;
    }
}
