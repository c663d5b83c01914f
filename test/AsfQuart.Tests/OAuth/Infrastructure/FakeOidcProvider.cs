using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AsfQuart.Tests.OAuth.Infrastructure;

/// <summary>
/// A stand-in OpenID Connect provider on 127.0.0.1 with its own RSA keys. It serves a discovery
/// document, a key set and a token endpoint. The token endpoint checks the client, the redirect URI
/// and the PKCE verifier before it signs an id_token for the code.
/// </summary>
public sealed class FakeOidcProvider : IAsyncDisposable
{
    public const string ClientId = "refapp-client";
    public const string ClientSecret = "client-secret-Zq81";

    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private LoopbackServer? _server;
    private RsaSecurityKey _key = CreateKey("key-1");

    private FakeOidcProvider(TimeProvider time) => _time = time;

    public Uri BaseUrl => _server!.BaseUrl;

    public string Issuer => BaseUrl.AbsoluteUri.TrimEnd('/');

    public int DiscoveryRequests { get; private set; }

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> TokenRequests { get; } = new();

    public static async Task<FakeOidcProvider> StartAsync(TimeProvider time)
    {
        var provider = new FakeOidcProvider(time);
        provider._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/.well-known/openid-configuration", provider.WriteDiscovery);
            app.MapGet("/jwks", provider.WriteKeys);
            app.MapPost("/token", (Func<HttpContext, Task<IResult>>)provider.AnswerTokenAsync);
        });
        return provider;
    }

    /// <summary>Registers a code for the login whose authorization URL is <paramref name="authorizationUrl"/>.</summary>
    public void AddCode(string code, Uri authorizationUrl, Dictionary<string, object> claims, IdTokenChanges? changes = null)
    {
        var query = QueryHelpers.ParseQuery(authorizationUrl.Query);
        _codes[code] = new IssuedCode(
            claims,
            query["nonce"].ToString(),
            query["code_challenge"].ToString(),
            query["redirect_uri"].ToString(),
            changes ?? new IdTokenChanges());
    }

    /// <summary>Replaces the signing key, as a provider does when it rotates keys.</summary>
    public void RotateKey(string keyId) => _key = CreateKey(keyId);

    private IResult WriteDiscovery()
    {
        DiscoveryRequests++;
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["jwks_uri"] = Issuer + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        });
    }

    private IResult WriteKeys()
    {
        var parameters = _key.Rsa.ExportParameters(includePrivateParameters: false);
        var key = new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = _key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        return Results.Json(new { keys = new[] { key } });
    }

    private async Task<IResult> AnswerTokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var fields = form.ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal);
        TokenRequests.Enqueue(fields);

        var expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        if (context.Request.Headers.Authorization.ToString() != expectedAuthorization || fields.GetValueOrDefault("client_id") != ClientId)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        if (fields.GetValueOrDefault("grant_type") != "authorization_code"
            || !_codes.TryRemove(fields.GetValueOrDefault("code") ?? "", out var issued)
            || fields.GetValueOrDefault("redirect_uri") != issued.RedirectUri
            || Challenge(fields.GetValueOrDefault("code_verifier") ?? "") != issued.CodeChallenge)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }

        if (issued.Changes.RawAnswer is { } raw)
        {
            return Results.Text(raw, "application/json");
        }

        return Results.Json(new { access_token = "access-token-unused", token_type = "Bearer", id_token = CreateIdToken(issued) });
    }

    private string CreateIdToken(IssuedCode issued)
    {
        var changes = issued.Changes;
        var now = _time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>(issued.Claims);
        claims["nonce"] = changes.Nonce ?? issued.Nonce;

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = changes.Issuer ?? Issuer,
            Audience = changes.Audience ?? ClientId,
            IssuedAt = now,
            NotBefore = now + changes.NotBeforeOffset,
            Expires = now + changes.Lifetime,
            Claims = claims,
        };

        if (changes.Unsigned)
        {
            return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
        }

        var key = changes.SignWithOtherKey ? CreateKey(_key.KeyId!) : _key;
        descriptor.SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static string Challenge(string verifier) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static RsaSecurityKey CreateKey(string keyId) => new(RSA.Create(2048)) { KeyId = keyId };

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private sealed record IssuedCode(Dictionary<string, object> Claims, string Nonce, string CodeChallenge, string RedirectUri, IdTokenChanges Changes);
}

/// <summary>Ways in which the fake provider's id_token departs from a valid one.</summary>
public sealed record IdTokenChanges
{
    public string? Issuer { get; init; }

    public string? Audience { get; init; }

    public string? Nonce { get; init; }

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan NotBeforeOffset { get; init; }

    public bool SignWithOtherKey { get; init; }

    public bool Unsigned { get; init; }

    /// <summary>Gets a body that the token endpoint sends in place of the token response.</summary>
    public string? RawAnswer { get; init; }
}
