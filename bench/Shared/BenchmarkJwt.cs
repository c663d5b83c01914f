using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AsfQuart.Benchmarks;

/// <summary>
/// An HS256 signing key, the validation parameters that JwtBearer and the AsfQuart token handler
/// share, and a token for a session.
/// </summary>
public sealed class BenchmarkJwt
{
    public const string Issuer = "https://login.bench.invalid/";
    public const string Audience = "asfquart-bench";

    public BenchmarkJwt()
    {
        SigningKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        ValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = SigningKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        };
    }

    public SymmetricSecurityKey SigningKey { get; }

    public TokenValidationParameters ValidationParameters { get; }

    /// <summary>Creates a token for the session, valid for one hour, with its scopes in a space-separated <c>scope</c> claim.</summary>
    public string CreateToken(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);

        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = session.Uid,
                [JwtRegisteredClaimNames.Name] = session.FullName ?? session.Uid,
                [BenchmarkIdentity.ScopeClaim] = string.Join(' ', session.Scopes),
            },
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
