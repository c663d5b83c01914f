using Microsoft.Extensions.Logging;

namespace AsfQuart;

/// <summary>
/// The log messages of the JWT token handler, issuer and revocation list. None of them takes a token;
/// a token id (<c>jti</c>) is not a secret, because it grants nothing without the signed token.
/// </summary>
internal static partial class JwtLog
{
    [LoggerMessage(600, LogLevel.Debug, "The bearer token is not a valid JWT for this application: {Failure}.", EventName = "JwtInvalid")]
    public static partial void TokenInvalid(ILogger logger, string failure);

    [LoggerMessage(601, LogLevel.Debug, "The bearer token is a valid JWT but has no sub claim.", EventName = "JwtWithoutSubject")]
    public static partial void TokenWithoutSubject(ILogger logger);

    [LoggerMessage(602, LogLevel.Debug, "The bearer token of {Uid} has no jti claim, so it cannot be revoked, and RequireTokenId is on.", EventName = "JwtWithoutTokenId")]
    public static partial void TokenWithoutId(ILogger logger, string uid);

    [LoggerMessage(603, LogLevel.Information, "The token {TokenId} of {Uid} is revoked.", EventName = "JwtRevokedTokenUsed")]
    public static partial void RevokedTokenUsed(ILogger logger, string tokenId, string uid);

    [LoggerMessage(604, LogLevel.Information, "Revoked the token {TokenId} until {ExpiresAt}.", EventName = "JwtRevoked")]
    public static partial void TokenRevoked(ILogger logger, string tokenId, DateTimeOffset expiresAt);

    [LoggerMessage(605, LogLevel.Information, "Issued the token {TokenId} for {Uid}, expiring at {ExpiresAt}.", EventName = "JwtIssued")]
    public static partial void TokenIssued(ILogger logger, string tokenId, string uid, DateTimeOffset expiresAt);

    [LoggerMessage(606, LogLevel.Information, "Token revocations are kept in an in-memory distributed cache, so they reach this instance only. Register a shared IDistributedCache, such as Redis, when several instances serve the application.", EventName = "JwtRevocationsInMemory")]
    public static partial void RevocationsInMemory(ILogger logger);
}
