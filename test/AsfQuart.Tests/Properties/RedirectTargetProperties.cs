using AsfQuart.Fuzz;
using CsCheck;

namespace AsfQuart.Tests.Properties;

public sealed class RedirectTargetProperties
{
    // Pieces that decide whether a target leaves the site, so random joins of them hit the edge cases
    // (encoded slashes and backslashes, nested encodings, schemes, control and look-alike characters).
    private static readonly string[] Pieces =
    [
        "/", "//", "\\", "%2F", "%2f", "%5C", "%5c", "%25", "%252F", "%", "2F", "5C", "%0D%0A", "%09", "%00", "%7F",
        "%C2%85", "%E2%81%84", "https:", "javascript:", "evil.example", "@", ":", "?", "#", ".", "..", "a",
        "\t", "\r", "\n", "\0", " ", "\u0085", "\u007f", "\u00e9", "\u2044", "\uff0f", "\ufe68",
    ];

    private static readonly Gen<string> Joined = Gen.OneOf(Pieces).Array[0, 16].Select(string.Concat);

    private static readonly Gen<string> Targets = Gen.OneOf(
        Joined,
        Joined.Select(rest => "/" + rest),
        Gen.String,
        Gen.Char.Array[0, 64].Select(characters => "/" + new string(characters)));

    [Fact]
    public void Any_string_is_rejected_or_local()
    {
        Targets.Sample(FuzzTargets.CheckLocalRedirect, iter: 50_000);
    }

    [Fact]
    public void Generator_reaches_accepted_targets()
    {
        // Guards the property above: a generator that only made rejected targets would check nothing.
        var accepted = 0;

        Targets.Sample(target => accepted += LocalRedirectTarget.IsLocal(target) ? 1 : 0, iter: 5_000, threads: 1);

        Assert.True(accepted >= 500, $"Only {accepted} of 5,000 generated targets were accepted.");
    }
}
