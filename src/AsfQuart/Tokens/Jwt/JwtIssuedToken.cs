namespace AsfQuart;

/// <summary>A JWT created by <see cref="JwtTokenIssuer"/>, with what is needed to revoke it later.</summary>
/// <param name="Token">The compact JWT to hand to the client. A secret: never log or store it.</param>
/// <param name="TokenId">The <c>jti</c> claim, for <see cref="JwtRevocationList.RevokeAsync"/>.</param>
/// <param name="ExpiresAt">The <c>exp</c> claim.</param>
public sealed record JwtIssuedToken(string Token, string TokenId, DateTimeOffset ExpiresAt)
{
    /// <inheritdoc />
    public override string ToString() => $"JwtIssuedToken {{ TokenId = {TokenId}, ExpiresAt = {ExpiresAt:O} }}";
}
