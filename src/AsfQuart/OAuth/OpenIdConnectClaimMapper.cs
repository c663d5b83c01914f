using System.Text.Json;

namespace AsfQuart;

/// <summary>Turns the claims of a validated <c>id_token</c> into a session, following <see cref="OpenIdConnectClaimMap"/>.</summary>
internal static class OpenIdConnectClaimMapper
{
    public static OAuthLoginResult Map(JsonElement claims, OpenIdConnectClaimMap map)
    {
        var uid = ProviderJson.ReadString(claims, map.Uid);
        if (string.IsNullOrEmpty(uid))
        {
            return OAuthLoginResult.Rejected($"The id_token has no '{map.Uid}' claim for the user id. Ask the provider to include it, or map another claim.");
        }

        var session = new Session
        {
            Uid = uid,
            Dn = ProviderJson.ReadString(claims, map.Dn),
            FullName = ProviderJson.ReadString(claims, map.FullName),
            IsMember = ProviderJson.ReadBoolean(claims, map.IsMember),
            IsChair = ProviderJson.ReadBoolean(claims, map.IsChair),
            IsRoot = ProviderJson.ReadBoolean(claims, map.IsRoot),
            Committees = ProviderJson.ReadList(claims, map.Committees),
            Projects = ProviderJson.ReadList(claims, map.Projects),
            Mfa = ReadMfa(claims, map.Mfa),
        };

        var email = ProviderJson.ReadString(claims, map.Email);
        return OAuthLoginResult.Success(string.IsNullOrEmpty(email) ? session : session with { Email = email });
    }

    // "amr" (RFC 8176) lists authentication methods, and "mfa" among them means more than one factor.
    private static bool ReadMfa(JsonElement claims, string? claim) =>
        ProviderJson.ReadBoolean(claims, claim) || ProviderJson.ReadList(claims, claim).Contains("mfa", StringComparer.Ordinal);
}
