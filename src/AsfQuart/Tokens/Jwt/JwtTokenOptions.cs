using Microsoft.IdentityModel.Tokens;

namespace AsfQuart;

/// <summary>
/// Configures the JWT personal access token handler, the token issuer and the revocation list
/// registered by <c>AddAsfJwtTokens</c>. Validated at start-up.
/// </summary>
public sealed class JwtTokenOptions
{
    /// <summary>
    /// Gets or sets the issuer: the <c>iss</c> claim a token must carry, and the one issued tokens get. Required.
    /// </summary>
    public string Issuer { get; set; } = "";

    /// <summary>
    /// Gets or sets the audience: the <c>aud</c> claim a token must carry, and the one issued tokens get. Required.
    /// </summary>
    public string Audience { get; set; } = "";

    /// <summary>
    /// Gets the keys that may have signed a token. A token with a <c>kid</c> header is checked only
    /// against the key with that <see cref="SecurityKey.KeyId"/>; a token without one against every key.
    /// The key of <see cref="IssuingCredentials"/> is added to them.
    /// </summary>
    public IList<SecurityKey> SigningKeys { get; } = [];

    /// <summary>
    /// Gets the signature algorithms a token may use. Defaults to HS256, RS256 and ES256. <c>none</c>
    /// is never accepted, and a key only verifies the algorithms of its own type, so an HS256 token
    /// cannot be verified with an RSA or EC public key.
    /// </summary>
    public IList<string> Algorithms { get; } = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    /// <summary>
    /// Gets or sets the tolerance for differences between the clocks of issuer and server when checking
    /// <c>exp</c> and <c>nbf</c>. Defaults to 1 minute; at most 5 minutes.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets how long the result of validating a token is reused for later requests with the
    /// same token, never beyond the token's expiry. Revocation is checked on every request regardless.
    /// Defaults to 1 minute; <see cref="TimeSpan.Zero"/> turns the cache off.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the maximum number of validated tokens kept in the cache. Defaults to 10,000.</summary>
    public int CacheSizeLimit { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets a value indicating whether a token must carry a <c>jti</c> claim. Defaults to
    /// <see langword="true"/>, because a token without one cannot be revoked.
    /// </summary>
    public bool RequireTokenId { get; set; } = true;

    /// <summary>
    /// Gets or sets the claim that marks a role account: <see langword="true"/> or <c>"true"</c> sets
    /// <see cref="Session.IsRoleAccount"/>. Defaults to <c>roleaccount</c>, the key asfquart's token handlers return.
    /// </summary>
    public string RoleAccountClaim { get; set; } = "roleaccount";

    /// <summary>
    /// Gets the claims copied into <see cref="Session.Metadata"/>: claim name to metadata key. The
    /// value keeps its JSON type. The issuer writes these metadata keys back as the same claims.
    /// </summary>
    public IDictionary<string, string> ClaimMap { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets the key and algorithm that <see cref="JwtTokenIssuer"/> signs with. Only needed by
    /// applications that issue tokens.
    /// </summary>
    public SigningCredentials? IssuingCredentials { get; set; }

    /// <summary>Gets or sets the lifetime of an issued token when the caller gives none. Defaults to 1 hour.</summary>
    public TimeSpan IssuedTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
