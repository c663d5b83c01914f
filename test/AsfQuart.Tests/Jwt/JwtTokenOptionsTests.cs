using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AsfQuart.Tests.Jwt;

public sealed class JwtTokenOptionsTests
{
    [Fact]
    public async Task Missing_issuer_fails_at_start()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => JwtTestKeys.StartAppAsync(options => options.Issuer = ""));

        Assert.Contains("JwtTokenOptions.Issuer is missing", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alg_none_in_allow_list_fails_at_start()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => JwtTestKeys.StartAppAsync(options => options.Algorithms.Add("none")));

        Assert.Contains("'none'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Short_hmac_key_fails_at_start()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => JwtTestKeys.StartAppAsync(options =>
            options.SigningKeys.Add(new SymmetricSecurityKey(new byte[16]) { KeyId = "short" })));

        Assert.Contains("'short' has 128 bits", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sub")]
    [InlineData("exp")]
    [InlineData("scope")]
    [InlineData("roleaccount")]
    public void Claim_map_rejects_reserved_claims(string claim)
    {
        var options = new JwtTokenOptions { Issuer = JwtTestKeys.Issuer, Audience = JwtTestKeys.Audience };
        options.SigningKeys.Add(JwtTestKeys.Hmac);
        options.ClaimMap[claim] = "copy";

        var result = new JwtTokenOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"maps the claim '{claim}'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_lists_every_failure()
    {
        var options = new JwtTokenOptions { ClockSkew = TimeSpan.FromHours(1), CacheSizeLimit = 0 };
        options.Algorithms.Clear();

        var result = new JwtTokenOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, failure => failure.Contains("Issuer is missing", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.Contains("Audience is missing", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.Contains("Algorithms is empty", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.Contains("SigningKeys is empty", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.Contains("ClockSkew", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.Contains("CacheSizeLimit", StringComparison.Ordinal));
    }
}
