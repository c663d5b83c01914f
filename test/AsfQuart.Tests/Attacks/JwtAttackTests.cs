using System.Net;
using System.Security.Cryptography;
using AsfQuart.Tests.Infrastructure;
using AsfQuart.Tests.Jwt;
using Microsoft.IdentityModel.Tokens;

namespace AsfQuart.Tests.Attacks;

/// <summary>
/// Sends JWTs with hostile headers and claims to a real app. Most carry a valid signature, because only
/// a signed token reaches the claim mapping, as it would with a leaked or misissued key.
/// </summary>
public sealed class JwtAttackTests
{
    /// <summary>Payload changes of HMAC-signed tokens, each of which must not yield a session.</summary>
    public static TheoryData<string, Action<Dictionary<string, object>>> HostilePayloads { get; } = new()
    {
        { "exp far past the calendar", payload => payload["exp"] = 1e300 },
        { "exp negative", payload => payload["exp"] = -1e300 },
        { "exp as text", payload => payload["exp"] = "tomorrow" },
        { "exp as object", payload => payload["exp"] = new Dictionary<string, object> { ["a"] = 1 } },
        { "nbf far past the calendar", payload => payload["nbf"] = 1e300 },
        { "sub as number", payload => payload["sub"] = 42 },
        { "sub as array", payload => payload["sub"] = new[] { "jdoe", "root" } },
        { "sub empty", payload => payload["sub"] = "" },
        { "aud as object", payload => payload["aud"] = new Dictionary<string, object> { ["refapp"] = true } },
        { "iss as array", payload => payload["iss"] = new[] { JwtTestKeys.Issuer } },
        { "jti as object", payload => payload["jti"] = new Dictionary<string, object> { ["x"] = 1 } },
    };

    [Theory]
    [MemberData(nameof(HostilePayloads))]
    public async Task Hostile_signed_payload_is_401(string name, Action<Dictionary<string, object>> change)
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var payload = JwtTestKeys.CreateRawPayload(app.Time.GetUtcNow());
        change(payload);
        var token = SignWithHmac(new Dictionary<string, object> { ["alg"] = "HS256", ["kid"] = "hmac-1", ["typ"] = "JWT" }, payload);

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, $"{name}: {response.StatusCode}");
        await HostileResponses.AssertRejectedPlainlyAsync(response);
        AssertLogsOmitToken(app, token);
    }

    /// <summary>Claims that are odd but signed, which must give a 200 or a 401, never a 500.</summary>
    public static TheoryData<string, Action<Dictionary<string, object>>> OddSignedPayloads { get; } = new()
    {
        { "scope as object", payload => payload["scope"] = new Dictionary<string, object> { ["admin"] = true } },
        { "scope as number", payload => payload["scope"] = 7 },
        { "scope of many words", payload => payload["scope"] = string.Join(' ', Enumerable.Range(0, 5000).Select(i => "s" + i)) },
        { "team deeply nested", payload => payload["team"] = Nest(60) },
        { "sub with control characters", payload => payload["sub"] = "jdoe\r\nroot\u0000" },
        { "sub of 100000 characters", payload => payload["sub"] = new string('u', 100_000) },
        { "name as array", payload => payload["name"] = new[] { "a", "b" } },
    };

    [Theory]
    [MemberData(nameof(OddSignedPayloads))]
    public async Task Odd_signed_payload_is_no_500(string name, Action<Dictionary<string, object>> change)
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var payload = JwtTestKeys.CreateRawPayload(app.Time.GetUtcNow());
        change(payload);
        var token = SignWithHmac(new Dictionary<string, object> { ["alg"] = "HS256", ["kid"] = "hmac-1", ["typ"] = "JWT" }, payload);

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/admin", token));

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{name}: {response.StatusCode}");
        await HostileResponses.AssertNoServerErrorAsync(response);
        AssertLogsOmitToken(app, token);
    }

    public static TheoryData<string, Dictionary<string, object>> HostileHeaders { get; } = new()
    {
        { "kid path traversal", new() { ["alg"] = "HS256", ["kid"] = "../../../../dev/null", ["typ"] = "JWT" } },
        { "kid as number", new() { ["alg"] = "HS256", ["kid"] = 1 } },
        { "jku to elsewhere", new() { ["alg"] = "HS256", ["jku"] = "http://127.0.0.1:1/jwks", ["kid"] = "other" } },
        { "embedded jwk", new() { ["alg"] = "HS256", ["jwk"] = new Dictionary<string, object> { ["kty"] = "oct", ["k"] = "AAAA" } } },
        { "unknown crit", new() { ["alg"] = "HS256", ["kid"] = "hmac-1", ["crit"] = new[] { "exp-ext" }, ["exp-ext"] = 1 } },
        { "alg as array", new() { ["alg"] = new[] { "HS256" }, ["kid"] = "hmac-1" } },
        { "alg lower case", new() { ["alg"] = "hs256", ["kid"] = "hmac-1" } },
    };

    [Theory]
    [MemberData(nameof(HostileHeaders))]
    public async Task Hostile_header_is_401(string name, Dictionary<string, object> header)
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var token = SignWithKnownHmac(header, JwtTestKeys.CreateRawPayload(app.Time.GetUtcNow()));

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, $"{name}: {response.StatusCode}");
        await HostileResponses.AssertRejectedPlainlyAsync(response);
        AssertLogsOmitToken(app, token);
    }

    public static TheoryData<string> MalformedTokens { get; } = new()
    {
        "a.b.c.d.e",
        "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00iLCJ6aXAiOiJERUYifQ.AAAA.AAAA.AAAA.AAAA",
        "....",
        "..",
        "eyJ9.eyJ9.",
        new string('a', 6000) + "." + new string('b', 6000) + "." + new string('c', 6000),
        string.Join(".", Enumerable.Repeat("eyJhbGciOiJIUzI1NiJ9", 200)),
        Base64UrlEncoder.Encode(new string('[', 10_000)) + "." + Base64UrlEncoder.Encode("{}") + ".sig",
        Base64UrlEncoder.Encode("{\"alg\":\"HS256\"}") + "." + Base64UrlEncoder.Encode(new string('{', 1) + new string(' ', 50_000) + "}") + ".sig",
    };

    [Theory]
    [MemberData(nameof(MalformedTokens))]
    public async Task Malformed_token_is_401(string token)
    {
        await using var app = await JwtTestKeys.StartAppAsync();

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        await HostileResponses.AssertRejectedPlainlyAsync(response);
        AssertLogsOmitToken(app, token);
    }

    private static object Nest(int depth) =>
        depth == 0 ? "leaf" : new Dictionary<string, object> { ["n"] = Nest(depth - 1) };

    private static string SignWithHmac(Dictionary<string, object> header, Dictionary<string, object> payload) =>
        JwtTestKeys.CreateRawToken(header, payload, data => HMACSHA256.HashData(JwtTestKeys.Hmac.Key, data));

    private static string SignWithKnownHmac(Dictionary<string, object> header, Dictionary<string, object> payload) =>
        header.ContainsKey("jwk")
            ? JwtTestKeys.CreateRawToken(header, payload, data => HMACSHA256.HashData(new byte[3], data))
            : SignWithHmac(header, payload);

    private static void AssertLogsOmitToken(TestApp app, string token)
    {
        var parts = token.Split('.');
        var signature = parts.Length == 3 && parts[2].Length >= 16 ? parts[2] : null;
        var logs = app.Logs.GetSnapshot().Select(record => record.Message + " " + record.Exception).ToList();

        Assert.DoesNotContain(logs, line => line.Contains(token, StringComparison.Ordinal));
        if (signature is not null)
        {
            Assert.DoesNotContain(logs, line => line.Contains(signature, StringComparison.Ordinal));
        }
    }
}
