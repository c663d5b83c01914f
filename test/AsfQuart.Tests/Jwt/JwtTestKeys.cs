using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AsfQuart.Tests.Jwt;

/// <summary>Keys, token factories and a test application for the JWT token handler tests.</summary>
internal static class JwtTestKeys
{
    public const string Issuer = "https://refapp.apache.org";
    public const string Audience = "refapp";

    public static SymmetricSecurityKey Hmac { get; } = new(RandomNumberGenerator.GetBytes(32)) { KeyId = "hmac-1" };

    public static RsaSecurityKey Rsa { get; } = new(RSA.Create(2048)) { KeyId = "rsa-1" };

    public static ECDsaSecurityKey EcDsa { get; } = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ec-1" };

    // The public half only, as a resource server would hold it.
    public static RsaSecurityKey RsaPublic { get; } = new(Rsa.Rsa.ExportParameters(includePrivateParameters: false)) { KeyId = "rsa-1" };

    public static SigningCredentials CredentialsFor(string algorithm) => algorithm switch
    {
        SecurityAlgorithms.HmacSha256 => new SigningCredentials(Hmac, algorithm),
        SecurityAlgorithms.RsaSha256 => new SigningCredentials(Rsa, algorithm),
        SecurityAlgorithms.EcdsaSha256 => new SigningCredentials(EcDsa, algorithm),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "No test key for this algorithm."),
    };

    public static void Configure(JwtTokenOptions options)
    {
        options.Issuer = Issuer;
        options.Audience = Audience;
        options.SigningKeys.Add(Hmac);
        options.SigningKeys.Add(RsaPublic);
        options.SigningKeys.Add(EcDsa);
        options.ClaimMap["team"] = "team";
    }

    public static Task<TestApp> StartAppAsync(Action<JwtTokenOptions>? configure = null, Action<IServiceCollection>? configureServices = null) =>
        TestApp.StartAsync(
            MapEndpoints,
            configureServices: services =>
            {
                services.AddAsfJwtTokens(options =>
                {
                    Configure(options);
                    configure?.Invoke(options);
                });
                configureServices?.Invoke(services);
            });

    public static string CreateToken(
        DateTimeOffset now,
        string algorithm = SecurityAlgorithms.RsaSha256,
        Action<Dictionary<string, object>>? claims = null,
        string issuer = Issuer,
        string audience = Audience,
        TimeSpan? lifetime = null,
        TimeSpan? notBeforeOffset = null,
        SigningCredentials? credentials = null)
    {
        var payload = new Dictionary<string, object>
        {
            ["sub"] = "jdoe",
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        claims?.Invoke(payload);

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = (now + (notBeforeOffset ?? TimeSpan.Zero)).UtcDateTime,
            Expires = (now + (lifetime ?? TimeSpan.FromMinutes(10))).UtcDateTime,
            SigningCredentials = credentials ?? CredentialsFor(algorithm),
            Claims = payload,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    // Builds a compact JWS by hand, for tokens no well-behaved library would create.
    public static string CreateRawToken(object header, object payload, Func<byte[], byte[]> sign)
    {
        var encodedHeader = Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(header));
        var encodedPayload = Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = sign(Encoding.ASCII.GetBytes(encodedHeader + "." + encodedPayload));
        return encodedHeader + "." + encodedPayload + "." + Base64UrlEncoder.Encode(signature);
    }

    public static Dictionary<string, object> CreateRawPayload(DateTimeOffset now) => new()
    {
        ["sub"] = "jdoe",
        ["jti"] = "raw-token",
        ["iss"] = Issuer,
        ["aud"] = Audience,
        ["iat"] = now.ToUnixTimeSeconds(),
        ["exp"] = now.ToUnixTimeSeconds() + 600,
    };

    public static HttpRequestMessage Get(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return request;
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/me", (Session session) => new
        {
            session.Uid,
            session.IsRoleAccount,
            session.Scopes,
            session.Committees,
            session.FullName,
            Team = session.Metadata.TryGetValue("team", out var team) ? team.GetRawText() : null,
        }).RequireAsfSession();
        app.MapGet("/admin", (Session session) => "admin ok").RequireScope("admin");
    }
}
