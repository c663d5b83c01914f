using System.Text.Json;
using System.Text.Json.Serialization;

namespace AsfQuart;

/// <summary>
/// The JSON inside the encrypted session cookie. Short property names keep large sessions within
/// fewer cookie chunks; times are Unix milliseconds.
/// </summary>
internal sealed class SessionCookiePayload
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("v")]
    public int Version { get; set; }

    [JsonPropertyName("u")]
    public string? Uid { get; set; }

    [JsonPropertyName("dn")]
    public string? Dn { get; set; }

    [JsonPropertyName("n")]
    public string? FullName { get; set; }

    [JsonPropertyName("e")]
    public string? Email { get; set; }

    [JsonPropertyName("m")]
    public bool IsMember { get; set; }

    [JsonPropertyName("ch")]
    public bool IsChair { get; set; }

    [JsonPropertyName("r")]
    public bool IsRoot { get; set; }

    [JsonPropertyName("pmc")]
    public string[]? Committees { get; set; }

    [JsonPropertyName("prj")]
    public string[]? Projects { get; set; }

    [JsonPropertyName("mfa")]
    public bool Mfa { get; set; }

    [JsonPropertyName("ra")]
    public bool IsRoleAccount { get; set; }

    [JsonPropertyName("md")]
    public Dictionary<string, JsonElement>? Metadata { get; set; }

    [JsonPropertyName("c")]
    public long CreatedAt { get; set; }

    [JsonPropertyName("a")]
    public long LastAccessedAt { get; set; }

    [JsonPropertyName("va")]
    public long ValidatedAt { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault, Converters = [typeof(RawJsonElementConverter)])]
[JsonSerializable(typeof(SessionCookiePayload))]
internal sealed partial class SessionCookieJsonContext : JsonSerializerContext;
