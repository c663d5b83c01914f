using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AsfQuart;

/// <summary>Checks <see cref="JwtTokenOptions"/> once at start-up, naming each invalid setting and its fix.</summary>
internal sealed class JwtTokenOptionsValidator : IValidateOptions<JwtTokenOptions>
{
    // RFC 7518 section 3.2: an HMAC key must be at least as long as the hash output.
    private const int MinimumHmacKeyBits = 256;

    private static readonly HashSet<string> SupportedAlgorithms = new(StringComparer.Ordinal)
    {
        SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    };

    // Claims the handler maps or checks itself; mapping them as metadata would let the issuer overwrite them.
    private static readonly HashSet<string> ReservedClaims = new(StringComparer.Ordinal)
    {
        "iss", "aud", "exp", "nbf", "iat",
        JwtSessionMapper.Subject, JwtSessionMapper.TokenId, JwtSessionMapper.Scope, JwtSessionMapper.ScopeArray,
        JwtSessionMapper.Name, JwtSessionMapper.Email, JwtSessionMapper.Committees, JwtSessionMapper.Projects,
    };

    public ValidateOptionsResult Validate(string? name, JwtTokenOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add("JwtTokenOptions.Issuer is missing. Set it to the iss claim your tokens carry, for example \"https://my-app.apache.org\".");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("JwtTokenOptions.Audience is missing. Set it to the aud claim your tokens carry, for example \"my-app\".");
        }

        CheckAlgorithms(failures, options);
        CheckKeys(failures, options);

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add($"JwtTokenOptions.ClockSkew {options.ClockSkew} is outside 0 to 5 minutes.");
        }

        if (options.CacheDuration < TimeSpan.Zero)
        {
            failures.Add($"JwtTokenOptions.CacheDuration {options.CacheDuration} is negative. Use TimeSpan.Zero to turn the cache off.");
        }

        if (options.CacheSizeLimit < 1)
        {
            failures.Add($"JwtTokenOptions.CacheSizeLimit {options.CacheSizeLimit} must be at least 1.");
        }

        if (options.IssuedTokenLifetime <= TimeSpan.Zero)
        {
            failures.Add($"JwtTokenOptions.IssuedTokenLifetime must be positive; it is {options.IssuedTokenLifetime}.");
        }

        if (string.IsNullOrWhiteSpace(options.RoleAccountClaim))
        {
            failures.Add("JwtTokenOptions.RoleAccountClaim is empty. Name the claim that marks a role account, for example \"roleaccount\".");
        }

        foreach (var (claim, key) in options.ClaimMap)
        {
            if (string.IsNullOrWhiteSpace(claim) || string.IsNullOrWhiteSpace(key))
            {
                failures.Add($"JwtTokenOptions.ClaimMap has an empty claim name or metadata key ('{claim}' -> '{key}').");
            }
            else if (ReservedClaims.Contains(claim) || claim == options.RoleAccountClaim)
            {
                failures.Add($"JwtTokenOptions.ClaimMap maps the claim '{claim}', which the token handler reads itself. Map another claim.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckAlgorithms(List<string> failures, JwtTokenOptions options)
    {
        if (options.Algorithms.Count == 0)
        {
            failures.Add("JwtTokenOptions.Algorithms is empty. Allow at least one signature algorithm, for example \"RS256\".");
        }

        foreach (var algorithm in options.Algorithms)
        {
            if (!SupportedAlgorithms.Contains(algorithm))
            {
                failures.Add($"JwtTokenOptions.Algorithms contains '{algorithm}', which is not a supported JWS signature algorithm. Use HS256, RS256, PS256 or ES256 (or their 384 and 512 variants); 'none' is never allowed.");
            }
        }

        if (options.IssuingCredentials is { } credentials && !options.Algorithms.Contains(credentials.Algorithm))
        {
            failures.Add($"JwtTokenOptions.IssuingCredentials signs with '{credentials.Algorithm}', which JwtTokenOptions.Algorithms does not allow, so issued tokens would be rejected.");
        }
    }

    private static void CheckKeys(List<string> failures, JwtTokenOptions options)
    {
        if (options.SigningKeys.Count == 0 && options.IssuingCredentials is null)
        {
            failures.Add("JwtTokenOptions.SigningKeys is empty. Add the key (or public key) that verifies your tokens, or set IssuingCredentials.");
        }

        var keys = options.IssuingCredentials is { } credentials ? options.SigningKeys.Append(credentials.Key) : options.SigningKeys;
        foreach (var key in keys)
        {
            if (key is SymmetricSecurityKey symmetric && symmetric.KeySize < MinimumHmacKeyBits)
            {
                failures.Add($"The symmetric signing key '{key.KeyId}' has {symmetric.KeySize} bits; HMAC keys need at least {MinimumHmacKeyBits}.");
            }
        }
    }
}
