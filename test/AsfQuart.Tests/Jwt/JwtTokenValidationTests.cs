using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace AsfQuart.Tests.Jwt;

public sealed class JwtTokenValidationTests
{
    [Theory]
    [InlineData(SecurityAlgorithms.HmacSha256)]
    [InlineData(SecurityAlgorithms.RsaSha256)]
    [InlineData(SecurityAlgorithms.EcdsaSha256)]
    public async Task Signed_token_is_accepted(string algorithm)
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), algorithm);

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"uid\":\"jdoe\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_token_is_rejected()
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow() - TimeSpan.FromHours(1), lifetime: TimeSpan.FromMinutes(10));

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_expires_while_cached()
    {
        await using var app = await JwtTestKeys.StartAppAsync(options => options.CacheDuration = TimeSpan.FromHours(1));
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), lifetime: TimeSpan.FromMinutes(10));

        var before = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));
        app.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(59));
        var withinSkew = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));
        app.Time.Advance(TimeSpan.FromSeconds(2));
        var after = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withinSkew.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Not_yet_valid_token_is_rejected()
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), notBeforeOffset: TimeSpan.FromMinutes(5), lifetime: TimeSpan.FromMinutes(20));

        var early = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));
        app.Time.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(1));
        var withinSkew = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.Equal(HttpStatusCode.Unauthorized, early.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withinSkew.StatusCode);
    }

    [Fact]
    public async Task Token_without_expiry_is_rejected()
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var header = new Dictionary<string, object> { ["alg"] = "HS256", ["kid"] = "hmac-1", ["typ"] = "JWT" };
        var payload = new Dictionary<string, object> { ["sub"] = "jdoe", ["jti"] = "j1", ["iss"] = JwtTestKeys.Issuer, ["aud"] = JwtTestKeys.Audience };
        var token = JwtTestKeys.CreateRawToken(header, payload, data => HMACSHA256.HashData(JwtTestKeys.Hmac.Key, data));

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("https://elsewhere.example", JwtTestKeys.Audience)]
    [InlineData(JwtTestKeys.Issuer, "other-app")]
    public async Task Wrong_issuer_or_audience_is_rejected(string issuer, string audience)
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), issuer: issuer, audience: audience);

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Tampered_payload_is_rejected()
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), claims: claims => claims["scope"] = "read");
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"read\"", "\"admin\"", StringComparison.Ordinal);
        var tampered = parts[0] + "." + Base64UrlEncoder.Encode(payload) + "." + parts[2];

        var original = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));
        var response = await app.Client.SendAsync(JwtTestKeys.Get("/admin", tampered));

        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.NotEqual(parts[1], tampered.Split('.')[1]);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Alg_none_is_rejected()
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var header = new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT" };
        var payload = JwtTestKeys.CreateRawPayload(app.Time.GetUtcNow());
        var unsigned = JwtTestKeys.CreateRawToken(header, payload, _ => []);

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", unsigned));

        Assert.EndsWith(".", unsigned, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Hs256_signed_with_rsa_public_key_is_rejected(bool withKeyId)
    {
        await using var app = await JwtTestKeys.StartAppAsync(options =>
        {
            // Only the RSA public key is configured, as on a resource server: the classic confusion target.
            options.SigningKeys.Clear();
            options.SigningKeys.Add(JwtTestKeys.RsaPublic);
        });
        var header = new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT" };
        if (withKeyId)
        {
            header["kid"] = "rsa-1";
        }

        var payload = JwtTestKeys.CreateRawPayload(app.Time.GetUtcNow());
        var publicKeyPem = JwtTestKeys.Rsa.Rsa.ExportSubjectPublicKeyInfoPem();
        var publicKeyDer = JwtTestKeys.Rsa.Rsa.ExportSubjectPublicKeyInfo();
        var signedWithPem = JwtTestKeys.CreateRawToken(header, payload, data => HMACSHA256.HashData(System.Text.Encoding.ASCII.GetBytes(publicKeyPem), data));
        var signedWithDer = JwtTestKeys.CreateRawToken(header, payload, data => HMACSHA256.HashData(publicKeyDer, data));

        var pemResponse = await app.Client.SendAsync(JwtTestKeys.Get("/me", signedWithPem));
        var derResponse = await app.Client.SendAsync(JwtTestKeys.Get("/me", signedWithDer));

        Assert.Equal(HttpStatusCode.Unauthorized, pemResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, derResponse.StatusCode);
    }

    [Fact]
    public async Task Algorithm_outside_allow_list_is_rejected()
    {
        await using var app = await JwtTestKeys.StartAppAsync(options =>
        {
            options.Algorithms.Clear();
            options.Algorithms.Add(SecurityAlgorithms.RsaSha256);
        });
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), SecurityAlgorithms.HmacSha256);

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_key_id_is_rejected()
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var unknownKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-unknown" };
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), credentials: new SigningCredentials(unknownKey, SecurityAlgorithms.RsaSha256));

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Key_id_of_another_key_is_rejected()
    {
        await using var app = await JwtTestKeys.StartAppAsync();

        // Signed with the configured HMAC key, but the header names the RSA key: the kid picks the key, so no fallback.
        var mislabeled = new SymmetricSecurityKey(JwtTestKeys.Hmac.Key) { KeyId = "rsa-1" };
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), credentials: new SigningCredentials(mislabeled, SecurityAlgorithms.HmacSha256));

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_without_key_id_tries_each_key()
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var unnamed = new ECDsaSecurityKey(JwtTestKeys.EcDsa.ECDsa);
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), credentials: new SigningCredentials(unnamed, SecurityAlgorithms.EcdsaSha256));

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Garbage_token_is_rejected()
    {
        await using var app = await JwtTestKeys.StartAppAsync();

        var notJwt = await app.Client.SendAsync(JwtTestKeys.Get("/me", "not-a-jwt"));
        var badBase64 = await app.Client.SendAsync(JwtTestKeys.Get("/me", "eyJ!!!.eyJ.sig"));

        Assert.Equal(HttpStatusCode.Unauthorized, notJwt.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badBase64.StatusCode);
    }

    [Fact]
    public async Task Token_without_jti_is_rejected_by_default()
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        await using var lenient = await JwtTestKeys.StartAppAsync(options => options.RequireTokenId = false);
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), claims: claims => claims.Remove("jti"));

        var strictResponse = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));
        var lenientResponse = await lenient.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.Equal(HttpStatusCode.Unauthorized, strictResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lenientResponse.StatusCode);
    }

    [Fact]
    public async Task Token_without_sub_is_rejected()
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), claims: claims => claims.Remove("sub"));

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
