using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using CsCheck;

namespace AsfQuart.Tests.Properties;

/// <summary>CsCheck generators of sessions with random fields and random metadata JSON of every JSON type.</summary>
internal static class SessionGenerators
{
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Well-formed UTF-16: every character outside the surrogate range, control characters included,
    // and characters beyond the Basic Multilingual Plane as surrogate pairs. The cookie writer turns a
    // lone surrogate into U+FFFD, because UTF-8 JSON cannot carry it, so such strings do not round-trip.
    private static readonly Gen<string> TextPiece = Gen.Frequency(
        (6, Gen.Char[' ', '~'].Select(character => character.ToString())),
        (2, Gen.Char['\0', '\uD7FF'].Select(character => character.ToString())),
        (1, Gen.Char['\uE000', '\uFFFF'].Select(character => character.ToString())),
        (1, Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32)));

    public static readonly Gen<string> Text = TextPiece.Array[0, 16].Select(string.Concat);

    public static readonly Gen<string> NonEmptyText = TextPiece.Array[1, 16].Select(string.Concat);

    private static readonly Gen<DateTimeOffset> Time =
        Gen.Long[Earliest.ToUnixTimeMilliseconds(), Latest.ToUnixTimeMilliseconds()].Select(DateTimeOffset.FromUnixTimeMilliseconds);

    // Number texts that a double or a long would not round-trip: negative zero, huge exponents, trailing zeros, integers past 64 bits.
    private static readonly Gen<string> OddNumber = Gen.OneOf<string>("-0", "1e400", "1E-400", "0.1000", "123456789012345678901234567890", "-1.5e+10", "0");

    private static readonly Gen<string> JsonScalar = Gen.OneOf(
        Gen.OneOf<string>("null", "true", "false"),
        Gen.Long.Select(value => value.ToString(CultureInfo.InvariantCulture)),
        Gen.Double.Where(double.IsFinite).Select(value => value.ToString("R", CultureInfo.InvariantCulture)),
        OddNumber,
        Text.Select(value => JsonSerializer.Serialize(value)));

    private static readonly Gen<string> Json = JsonValue(depth: 2);

    public static readonly Gen<JsonElement> JsonElementGen = Json.Select(ParseElement);

    public static readonly Gen<ImmutableDictionary<string, JsonElement>> Metadata =
        Gen.Select(Text, JsonElementGen).Array[0, 5].Select(pairs => pairs
            .DistinctBy(pair => pair.Item1, StringComparer.Ordinal)
            .ToImmutableDictionary(pair => pair.Item1, pair => pair.Item2, StringComparer.Ordinal));

    public static readonly Gen<Session> Session =
        Gen.Select(
            Gen.Select(NonEmptyText, Text.Null(), Text.Null(), Text.Null()),
            Gen.Bool.Array[6],
            Text.Array[0, 8],
            Text.Array[0, 8],
            Metadata,
            Time,
            Time)
        .Select((names, flags, committees, projects, metadata, createdAt, lastAccessedAt) => new Session
        {
            Uid = names.Item1,
            Dn = names.Item2,
            FullName = names.Item3,
            Email = names.Item4!,
            IsMember = flags[0],
            IsChair = flags[1],
            IsRoot = flags[2],
            Mfa = flags[3],
            IsRoleAccount = flags[4],
            Committees = [.. committees],
            Projects = [.. projects],
            Metadata = metadata,
            CreatedAt = createdAt,
            LastAccessedAt = lastAccessedAt,
            Source = SessionSource.Cookie,
        });

    /// <summary>Checks every field of <paramref name="actual"/> against <paramref name="expected"/>, metadata by its JSON text.</summary>
    public static void AssertSame(Session expected, Session actual, bool compareTimes)
    {
        Assert.Equal(expected.Uid, actual.Uid);
        Assert.Equal(expected.Dn, actual.Dn);
        Assert.Equal(expected.FullName, actual.FullName);
        Assert.Equal(expected.Email, actual.Email);
        Assert.Equal(expected.IsMember, actual.IsMember);
        Assert.Equal(expected.IsChair, actual.IsChair);
        Assert.Equal(expected.IsRoot, actual.IsRoot);
        Assert.Equal(expected.Mfa, actual.Mfa);
        Assert.Equal(expected.IsRoleAccount, actual.IsRoleAccount);
        // ImmutableArray's own equality compares the array reference, so the items are compared, escaped for readable failures.
        Assert.Equal(expected.Committees.Select(Escape), actual.Committees.Select(Escape));
        Assert.Equal(expected.Projects.Select(Escape), actual.Projects.Select(Escape));
        Assert.Equal(SessionSource.Cookie, actual.Source);
        Assert.Equal(expected.Metadata.Keys.Order(StringComparer.Ordinal), actual.Metadata.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in expected.Metadata)
        {
            // Writing both elements again gives the same text only when every value, number text included, is unchanged.
            Assert.Equal(JsonSerializer.Serialize(value), JsonSerializer.Serialize(actual.Metadata[key]));
        }

        if (compareTimes)
        {
            Assert.Equal(expected.CreatedAt, actual.CreatedAt);
            Assert.Equal(expected.LastAccessedAt, actual.LastAccessedAt);
        }
    }

    private static string Escape(string text) => string.Concat(text.Select(character => character is >= ' ' and <= '~' ? character.ToString() : $"\\u{(int)character:X4}"));

    private static Gen<string> JsonValue(int depth)
    {
        if (depth == 0)
        {
            return JsonScalar;
        }

        var inner = JsonValue(depth - 1);
        return Gen.Frequency(
            (3, JsonScalar),
            (1, inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Select(Text, inner).Array[0, 4].Select(members => "{" + string.Join(",", members
                .DistinctBy(member => member.Item1, StringComparer.Ordinal)
                .Select(member => JsonSerializer.Serialize(member.Item1) + ":" + member.Item2)) + "}")));
    }

    private static JsonElement ParseElement(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
