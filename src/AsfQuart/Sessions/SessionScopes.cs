using System.Collections.Immutable;
using System.Text.Json;

namespace AsfQuart;

internal static class SessionScopes
{
    public const string MetadataKey = "scope";

    public static IReadOnlyList<string> Read(ImmutableDictionary<string, JsonElement> metadata)
    {
        if (!metadata.TryGetValue(MetadataKey, out var value))
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var scopes = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                scopes.Add(item.GetString()!);
            }
        }

        return scopes;
    }
}
