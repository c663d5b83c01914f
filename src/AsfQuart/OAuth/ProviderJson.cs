using System.Collections.Immutable;
using System.Text.Json;

namespace AsfQuart;

/// <summary>
/// Reads session fields from the JSON of a provider, accepting the shapes providers use: booleans
/// as JSON <c>true</c> or the string <c>"true"</c>, lists as an array of strings or one
/// space-separated string.
/// </summary>
internal static class ProviderJson
{
    public static string? ReadString(JsonElement json, string? name) =>
        TryGet(json, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool ReadBoolean(JsonElement json, string? name)
    {
        if (!TryGet(json, name, out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.String => string.Equals(value.GetString(), "true", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    public static ImmutableArray<string> ReadList(JsonElement json, string? name)
    {
        if (!TryGet(json, name, out var value))
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return [.. value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var items = ImmutableArray.CreateBuilder<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                items.Add(item.GetString()!);
            }
        }

        return items.ToImmutable();
    }

    private static bool TryGet(JsonElement json, string? name, out JsonElement value)
    {
        value = default;
        return !string.IsNullOrEmpty(name) && json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out value);
    }
}
