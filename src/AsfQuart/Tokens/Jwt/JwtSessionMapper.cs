using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace AsfQuart;

/// <summary>
/// Builds the <see cref="Session"/> of a validated token from the JSON of its payload, so every claim
/// keeps the JSON type it was issued with.
/// </summary>
internal static class JwtSessionMapper
{
    public const string Subject = "sub";
    public const string TokenId = "jti";
    public const string IssuedAt = "iat";
    public const string Scope = "scope";
    public const string ScopeArray = "scp";
    public const string Name = "name";
    public const string Email = "email";
    public const string Committees = "pmcs";
    public const string Projects = "projects";

    public static bool TryMap(string encodedPayload, JwtTokenOptions options, out Session session, out string? tokenId)
    {
        session = null!;
        tokenId = null;

        using var document = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(encodedPayload));
        var payload = document.RootElement;
        if (payload.ValueKind != JsonValueKind.Object || ReadString(payload, Subject) is not { Length: > 0 } uid)
        {
            return false;
        }

        tokenId = ReadString(payload, TokenId);
        var metadata = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (claim, key) in options.ClaimMap)
        {
            if (payload.TryGetProperty(claim, out var value))
            {
                metadata[key] = value.Clone();
            }
        }

        if (ReadScopes(payload) is { } scopes)
        {
            metadata[SessionScopes.MetadataKey] = JsonSerializer.SerializeToElement(scopes);
        }

        session = new Session
        {
            Uid = uid,
            FullName = ReadString(payload, Name),
            Email = ReadString(payload, Email) ?? $"{uid}@apache.org",
            Committees = ReadStrings(payload, Committees),
            Projects = ReadStrings(payload, Projects),
            IsRoleAccount = IsTrue(payload, options.RoleAccountClaim),
            Metadata = metadata.ToImmutable(),
            CreatedAt = payload.TryGetProperty(IssuedAt, out var issuedAt) && issuedAt.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : default,
        };
        return true;
    }

    // OAuth 2.0 (RFC 8693 section 4.2) puts scopes in "scope" as one space-separated string; Microsoft
    // identity platform tokens use "scp", as an array or a space-separated string.
    private static string[]? ReadScopes(JsonElement payload)
    {
        if (payload.TryGetProperty(Scope, out var scope) && scope.ValueKind == JsonValueKind.String)
        {
            return SplitScopes(scope.GetString()!);
        }

        if (!payload.TryGetProperty(ScopeArray, out var scp))
        {
            return null;
        }

        return scp.ValueKind switch
        {
            JsonValueKind.String => SplitScopes(scp.GetString()!),
            JsonValueKind.Array => [.. scp.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)],
            _ => null,
        };
    }

    private static string[] SplitScopes(string value) => value.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string? ReadString(JsonElement payload, string claim) =>
        payload.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ImmutableArray<string> ReadStrings(JsonElement payload, string claim)
    {
        if (!payload.TryGetProperty(claim, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)];
    }

    private static bool IsTrue(JsonElement payload, string claim) =>
        payload.TryGetProperty(claim, out var value)
        && (value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.String && value.GetString() == "true"));
}
