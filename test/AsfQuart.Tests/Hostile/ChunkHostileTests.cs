using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace AsfQuart.Tests.Hostile;

public sealed class ChunkHostileTests : IClassFixture<HostileHost>
{
    private const string Name = CookieHeader.SessionCookieName;

    // Enough projects that the encrypted session needs several 4 KB chunks.
    private static readonly Session LargeSession = TestSessions.Member with
    {
        Projects = [.. Enumerable.Range(0, 700).Select(index => $"project-{index:D4}")],
    };

    // Each tampering gets the chunks of the large session and those of another session of the same size.
    private static readonly Dictionary<string, Func<List<KeyValuePair<string, string>>, List<KeyValuePair<string, string>>, List<KeyValuePair<string, string>>>> Tamperings = new()
    {
        ["first chunk missing"] = (cookies, _) => Without(cookies, Name + "C1"),
        ["middle chunk missing"] = (cookies, _) => Without(cookies, Name + "C2"),
        ["last chunk missing"] = (cookies, _) => Without(cookies, Name + "C" + ChunkCount(cookies)),
        ["base cookie missing"] = (cookies, _) => Without(cookies, Name),
        ["chunk empty"] = (cookies, _) => With(cookies, Name + "C2", ""),
        ["chunks swapped"] = (cookies, _) => With(With(cookies, Name + "C1", Value(cookies, Name + "C2")), Name + "C2", Value(cookies, Name + "C1")),
        ["chunk repeated"] = (cookies, _) => With(cookies, Name + "C2", Value(cookies, Name + "C1")),
        ["chunk cut short"] = (cookies, _) => With(cookies, Name + "C2", Value(cookies, Name + "C2")[..^1]),
        ["count one fewer"] = (cookies, _) => With(cookies, Name, "chunks-" + (ChunkCount(cookies) - 1)),
        ["count one more"] = (cookies, _) => With(cookies, Name, "chunks-" + (ChunkCount(cookies) + 1)),
        ["count zero"] = (cookies, _) => With(cookies, Name, "chunks-0"),
        ["count negative"] = (cookies, _) => With(cookies, Name, "chunks--1"),
        ["count with plus sign"] = (cookies, _) => With(cookies, Name, "chunks-+" + ChunkCount(cookies)),
        ["count with leading space"] = (cookies, _) => With(cookies, Name, "chunks- " + ChunkCount(cookies)),
        ["count with trailing letters"] = (cookies, _) => With(cookies, Name, "chunks-" + ChunkCount(cookies) + "x"),
        ["count in hexadecimal"] = (cookies, _) => With(cookies, Name, "chunks-0x" + ChunkCount(cookies)),
        ["count in Arabic-Indic digits"] = (cookies, _) => With(cookies, Name, "chunks-\u0663"),
        ["count empty"] = (cookies, _) => With(cookies, Name, "chunks-"),
        ["count int max"] = (cookies, _) => With(cookies, Name, "chunks-2147483647"),
        ["count int overflow"] = (cookies, _) => With(cookies, Name, "chunks-99999999999999999999"),
        ["count one million"] = (cookies, _) => With(cookies, Name, "chunks-1000000"),
        ["count above maximum with every chunk sent"] = (cookies, _) => ManyChunks(ChunkedCookies.MaxChunks + 1),
        ["count at maximum with junk chunks"] = (cookies, _) => ManyChunks(ChunkedCookies.MaxChunks),
        ["a megabyte in chunks"] = (cookies, _) => ManyChunks(ChunkedCookies.MaxChunks, chunkLength: 1024 * 1024 / ChunkedCookies.MaxChunks),
        ["chunk of another session"] = (cookies, other) => With(cookies, Name + "C2", Value(other, Name + "C2")),
    };

    private readonly HostileHost _host;

    public ChunkHostileTests(HostileHost host)
    {
        _host = host;
        _host.Reset();
    }

    public static TheoryData<string> Cases => [.. Tamperings.Keys];

    [Fact]
    public async Task Untouched_chunks_give_session()
    {
        var header = _host.App.CookieFor(LargeSession);
        Assert.True(ChunkCount(CookieHeader.Parse(header)) >= 3, "The large session must need at least three chunks.");

        var response = await _host.SendAsync(request => request.Headers.Cookie = header);

        HostileAssert.Handled(response, _host.App.Logs, StatusCodes.Status200OK, Value(CookieHeader.Parse(header), Name + "C1"));
        Assert.Equal("uid=mmember", response.Body);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Tampered_chunks_are_no_session(string tampering)
    {
        var cookies = CookieHeader.Parse(_host.App.CookieFor(LargeSession));
        var other = CookieHeader.Parse(_host.App.CookieFor(LargeSession with { Uid = "other" }));
        var tampered = Tamperings[tampering](cookies, other);

        var response = await _host.SendAsync(request => request.Headers.Cookie = CookieHeader.Format(tampered));

        HostileAssert.Handled(response, _host.App.Logs, StatusCodes.Status401Unauthorized, Value(cookies, Name + "C1"), Value(cookies, Name + "C2"));
    }

    [Fact]
    public async Task Logout_deletes_only_sent_chunks()
    {
        var forged = CookieHeader.Format([KeyValuePair.Create(Name, "chunks-1000000"), KeyValuePair.Create(Name + "C1", "x"), KeyValuePair.Create(Name + "C7", "y")]);

        var response = await _host.SendAsync(request => request.Headers.Cookie = forged, method: "POST", path: "/logout");

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        var deleted = response.SetCookies.Select(cookie => cookie.Split('=', 2)[0]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal([Name, Name + "C1", Name + "C7"], deleted);
        Assert.All(response.SetCookies, cookie => Assert.Contains("expires=Thu, 01 Jan 1970", cookie, StringComparison.Ordinal));
    }

    private static int ChunkCount(List<KeyValuePair<string, string>> cookies) => int.Parse(Value(cookies, Name)["chunks-".Length..], System.Globalization.CultureInfo.InvariantCulture);

    private static string Value(List<KeyValuePair<string, string>> cookies, string name) => cookies.Single(cookie => cookie.Key == name).Value;

    private static List<KeyValuePair<string, string>> Without(List<KeyValuePair<string, string>> cookies, string name) => [.. cookies.Where(cookie => cookie.Key != name)];

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> cookies, string name, string value) =>
        [.. cookies.Select(cookie => cookie.Key == name ? KeyValuePair.Create(name, value) : cookie)];

    private static List<KeyValuePair<string, string>> ManyChunks(int count, int chunkLength = 100) =>
    [
        KeyValuePair.Create(Name, "chunks-" + count),
        .. Enumerable.Range(1, count).Select(index => KeyValuePair.Create(Name + "C" + index, new string('Q', chunkLength))),
    ];
}
