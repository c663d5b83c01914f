using System.Buffers.Text;
using System.Text;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace AsfQuart.Tests.Hostile;

public sealed class CookieHostileTests : IClassFixture<HostileHost>
{
    private readonly HostileHost _host;

    public CookieHostileTests(HostileHost host)
    {
        _host = host;
        _host.Reset();
    }

    // Positive: keep that many characters. Negative: drop that many from the end.
    public static TheoryData<int> Cuts => [1, 2, 3, 4, 5, 8, 16, 21, 22, 23, 40, 64, 100, -1, -2, -3, -4, -5, -16, -32];

    // Bit masks applied to one decoded byte at a time.
    public static TheoryData<byte> Masks => [0x01, 0x80, 0xFF];

    // Characters put in place of one character of the cookie at a time: outside base64url, separators, non-ASCII, control.
    public static TheoryData<char> Replacements => ['!', '+', '/', '=', ' ', '%', ';', ',', '"', '\\', '\u00e9', '\u0000', '\u007f'];

    [Theory]
    [MemberData(nameof(Cuts))]
    public async Task Truncated_cookie_is_no_session(int cut)
    {
        var value = CookieHeader.SessionValue(_host.App.CookieFor(TestSessions.Member));
        var truncated = cut > 0 ? value[..cut] : value[..^-cut];

        await AssertNoSessionAsync(CookieHeader.Session(truncated), value);
    }

    [Fact]
    public async Task Cookie_cut_at_every_length_is_no_session()
    {
        var value = CookieHeader.SessionValue(_host.App.CookieFor(TestSessions.Member));

        for (var length = 0; length < value.Length; length++)
        {
            await AssertNoSessionAsync(CookieHeader.Session(value[..length]), value);
        }
    }

    [Theory]
    [MemberData(nameof(Masks))]
    public async Task Every_flipped_byte_is_no_session(byte mask)
    {
        var value = CookieHeader.SessionValue(_host.App.CookieFor(TestSessions.Member));
        var bytes = Base64Url.DecodeFromChars(value);

        for (var index = 0; index < bytes.Length; index++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[index] ^= mask;

            await AssertNoSessionAsync(CookieHeader.Session(Base64Url.EncodeToString(tampered)), value);
        }
    }

    [Theory]
    [MemberData(nameof(Replacements))]
    public async Task Every_replaced_character_is_no_session(char replacement)
    {
        var value = CookieHeader.SessionValue(_host.App.CookieFor(TestSessions.Member));

        for (var index = 0; index < value.Length; index++)
        {
            var tampered = new StringBuilder(value) { [index] = replacement }.ToString();

            await AssertNoSessionAsync(CookieHeader.Session(tampered), value);
        }
    }

    [Theory]
    [InlineData(SessionCookieProtector.MaxProtectedLength + 1)]
    [InlineData(1024 * 1024)]
    public async Task Oversized_cookie_is_no_session(int length)
    {
        var value = CookieHeader.SessionValue(_host.App.CookieFor(TestSessions.Member));
        var oversized = value + new string('A', length - value.Length);

        await AssertNoSessionAsync(CookieHeader.Session(oversized), value);
    }

    [Fact]
    public async Task Megabyte_of_other_cookies_keeps_session()
    {
        var session = _host.App.CookieFor(TestSessions.Member);
        var noise = string.Join("; ", Enumerable.Range(0, 10_000).Select(index => $"noise{index}={new string('n', 100)}"));

        var response = await _host.SendAsync(request => request.Headers.Cookie = noise + "; " + session);

        HostileAssert.Handled(response, _host.App.Logs, StatusCodes.Status200OK, CookieHeader.SessionValue(session));
        Assert.Equal("uid=mmember", response.Body);
    }

    [Fact]
    public async Task Cookie_of_another_name_is_no_session()
    {
        var value = CookieHeader.SessionValue(_host.App.CookieFor(TestSessions.Member));

        await AssertNoSessionAsync("__Host-otherapp=" + value, value);
        await AssertNoSessionAsync("refapp=" + value, value);
        await AssertNoSessionAsync("__host-refapp=" + value, value);
    }

    [Fact]
    public async Task Lower_case_twin_decides_by_order()
    {
        var session = _host.App.CookieFor(TestSessions.Member);
        var value = CookieHeader.SessionValue(session);
        var twin = "__host-refapp=" + value;

        var twinFirst = await _host.SendAsync(request => request.Headers.Cookie = twin + "; " + session);
        var twinLast = await _host.SendAsync(request => request.Headers.Cookie = session + "; " + twin);

        // The request's cookie collection keeps the last of two names that differ only in case, so a
        // planted twin sent last hides the session instead of replacing it.
        HostileAssert.Handled(twinFirst, _host.App.Logs, StatusCodes.Status200OK, value);
        HostileAssert.Handled(twinLast, _host.App.Logs, StatusCodes.Status401Unauthorized, value);
    }

    [Fact]
    public async Task Bad_cookie_does_not_stop_bearer_token()
    {
        var value = CookieHeader.SessionValue(_host.App.CookieFor(TestSessions.Member));

        var response = await _host.SendAsync(request =>
        {
            request.Headers.Cookie = CookieHeader.Session(value[..^1]);
            request.Headers.Authorization = "Bearer " + HostileHost.GoodToken;
        });

        HostileAssert.Handled(response, _host.App.Logs, StatusCodes.Status200OK, value, HostileHost.GoodToken);
        Assert.Equal("uid=roleaccountthing", response.Body);
    }

    private async Task AssertNoSessionAsync(string cookieHeader, string secret)
    {
        var response = await _host.SendAsync(request => request.Headers.Cookie = cookieHeader);
        HostileAssert.Handled(response, _host.App.Logs, StatusCodes.Status401Unauthorized, secret);

        // Each request's records are checked once, so a loop of requests stays linear.
        _host.App.Logs.Clear();
    }
}
