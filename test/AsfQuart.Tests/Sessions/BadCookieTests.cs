using System.Net;
using System.Text;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsfQuart.Tests.Sessions;

/// <summary>Cookies that were cut, altered, forged or inflated count as no session: never a 500, nothing stored, nothing logged.</summary>
public sealed class BadCookieTests
{
    private const string CookieName = "__Host-refapp";

    private static void Map(WebApplication app)
    {
        app.MapGet("/secret", (Session session) => session.Uid).RequireAsfSession();
    }

    private static async Task AssertNoSessionAsync(TestApp app, string cookieHeader, params string[] secrets)
    {
        var response = await app.GetAsync("/secret", ("Cookie", cookieHeader));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("This resource requires a login.\n", body);
        LogAssert.NoSecret(app.Logs, secrets);
    }

    private static string ValueOf(string cookieHeader) => cookieHeader[(CookieName.Length + 1)..];

    [Fact]
    public async Task Cookie_cut_short_is_no_session()
    {
        await using var app = await TestApp.StartAsync(Map);
        var value = ValueOf(app.CookieFor(TestSessions.Committer));

        foreach (var length in new[] { 1, 10, value.Length / 2, value.Length - 1 })
        {
            await AssertNoSessionAsync(app, $"{CookieName}={value[..length]}", value);
        }
    }

    [Fact]
    public async Task Cookie_altered_by_one_character_is_no_session()
    {
        await using var app = await TestApp.StartAsync(Map);
        var value = ValueOf(app.CookieFor(TestSessions.Committer));

        foreach (var position in new[] { 0, 1, 5, 20, value.Length / 2, value.Length - 2, value.Length - 1 })
        {
            var characters = value.ToCharArray();
            characters[position] = characters[position] == 'A' ? 'B' : 'A';
            await AssertNoSessionAsync(app, $"{CookieName}={new string(characters)}", value);
        }
    }

    [Fact]
    public async Task Cookie_of_another_app_id_is_no_session()
    {
        await using var app = await TestApp.StartAsync(Map);
        var otherApp = new SessionCookieProtector(
            app.Services.GetRequiredService<SessionDataProtection>(),
            Options.Create(new AsfQuartOptions { AppId = "otherapp" }));
        var value = otherApp.Protect(TestSessions.Committer with { CreatedAt = TestApp.Start, LastAccessedAt = TestApp.Start }, TestApp.Start);

        await AssertNoSessionAsync(app, $"{CookieName}={value}", value);
    }

    [Fact]
    public async Task Cookie_under_unknown_key_is_no_session()
    {
        await using var app = await TestApp.StartAsync(Map);
        await using var other = await TestApp.StartAsync(Map);
        var cookie = other.CookieFor(TestSessions.Committer);

        await AssertNoSessionAsync(app, cookie, ValueOf(cookie));
    }

    [Fact]
    public async Task Megabyte_cookie_is_no_session()
    {
        await using var app = await TestApp.StartAsync(Map);
        var value = new string('A', 1024 * 1024);

        await AssertNoSessionAsync(app, $"{CookieName}={value}");
    }

    [Theory]
    [InlineData("chunks-1000000")]
    [InlineData("chunks-0")]
    [InlineData("chunks--1")]
    [InlineData("chunks-x")]
    [InlineData("chunks-3")]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    public async Task Malformed_cookie_value_is_no_session(string value)
    {
        await using var app = await TestApp.StartAsync(Map);

        await AssertNoSessionAsync(app, $"{CookieName}={value}; {CookieName}C1=abc");
    }

    [Fact]
    public async Task Chunks_in_wrong_order_are_no_session()
    {
        await using var app = await TestApp.StartAsync(Map);
        var large = TestSessions.Committer with { Projects = [.. Enumerable.Range(1, 500).Select(index => $"project-{index}")] };
        var jar = CookieJar.FromHeader(app.CookieFor(large));
        var chunk1 = jar.Cookies[CookieName + "C1"];
        var chunk2 = jar.Cookies[CookieName + "C2"];

        var swapped = jar.Header
            .Replace($"{CookieName}C1={chunk1}", $"{CookieName}C1={chunk2}", StringComparison.Ordinal)
            .Replace($"{CookieName}C2={chunk2}", $"{CookieName}C2={chunk1}", StringComparison.Ordinal);

        await AssertNoSessionAsync(app, swapped, chunk1, chunk2);
    }

    [Fact]
    public async Task Foreign_protected_payload_is_no_session()
    {
        await using var app = await TestApp.StartAsync(Map);
        var protector = app.Services.GetRequiredService<SessionDataProtection>().Provider
            .CreateProtector(SessionCookieProtector.Purpose, "refapp");

        foreach (var json in new[] { "[]", "{\"v\":1}", "{\"v\":2,\"u\":\"jdoe\"}", "not json", "{\"v\":1,\"u\":\"\"}", "{\"v\":1,\"u\":\"x\",\"md\":5}" })
        {
            var value = System.Buffers.Text.Base64Url.EncodeToString(protector.Protect(Encoding.UTF8.GetBytes(json)));
            await AssertNoSessionAsync(app, $"{CookieName}={value}", value);
        }
    }
}
