using System.Text.Json.Serialization;

namespace AsfQuart;

/// <summary>A started login, kept under its state until the callback takes it or it expires.</summary>
/// <param name="Target">The local path the browser returns to after the login.</param>
/// <param name="RedirectUri">The callback URL sent to the provider, which the code exchange repeats.</param>
/// <param name="Nonce">The nonce sent to the provider.</param>
/// <param name="CodeVerifier">The PKCE verifier.</param>
/// <param name="BrowserBinding">The SHA-256 of the browser-binding cookie value in base64url. The callback must come with that cookie.</param>
/// <param name="CreatedAt">When the login started.</param>
internal sealed record PendingLogin(
    string Target,
    string RedirectUri,
    string Nonce,
    string CodeVerifier,
    string BrowserBinding,
    DateTimeOffset CreatedAt);

[JsonSerializable(typeof(PendingLogin))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class PendingLoginJsonContext : JsonSerializerContext;
