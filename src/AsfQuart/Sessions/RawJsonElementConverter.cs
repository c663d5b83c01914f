using System.Text.Json;
using System.Text.Json.Serialization;

namespace AsfQuart;

/// <summary>
/// Writes a <see cref="JsonElement"/> as the exact JSON text it was parsed from. The default
/// converter re-escapes strings (<c>é</c> becomes <c>\u00E9</c>), so a metadata value would not
/// come back from the cookie byte for byte.
/// </summary>
internal sealed class RawJsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonElement.ParseValue(ref reader);

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.GetRawText(), skipInputValidation: true);
}
