using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace AsfQuart.Tests.Hostile;

public sealed class AuthorizationHeaderHostileTests : IClassFixture<HostileHost>
{
    private const string GoodToken = HostileHost.GoodToken;
    private static readonly string LongToken = "pat-hostile-long-" + new string('a', 64 * 1024);
    private static readonly string LongNonAscii = "pat-hostile-long-" + new string('é', 64 * 1024);
    private static readonly string GoodBasic = Base64(HostileHost.BasicUser + ":" + HostileHost.BasicPassword);
    private static readonly string LongBasic = Base64(HostileHost.BasicUser + ":" + "basic-secret-long-" + new string('p', 48 * 1024));

    private readonly HostileHost _host;

    public AuthorizationHeaderHostileTests(HostileHost host)
    {
        _host = host;
        _host.Reset();
    }

    // Each row: a name for the test list, the Authorization header values, the exact status, and the secret that must not leak.
    public static TheoryData<string, string[], int, string> Headers => new()
    {
        { "scheme as written", ["Bearer " + GoodToken], 200, GoodToken },
        { "scheme lower case", ["bearer " + GoodToken], 200, GoodToken },
        { "scheme upper case", ["BEARER " + GoodToken], 200, GoodToken },
        { "scheme mixed case", ["bEaReR " + GoodToken], 200, GoodToken },
        { "many spaces before token", ["Bearer      " + GoodToken], 200, GoodToken },
        { "unknown token", ["Bearer " + HostileHost.UnknownToken], 401, HostileHost.UnknownToken },
        { "no token", ["Bearer"], 400, "" },
        { "no token lower case", ["bearer"], 400, "" },
        { "empty token", ["Bearer "], 400, "" },
        { "only spaces after scheme", ["Bearer        "], 400, "" },
        { "tab instead of space", ["Bearer\t" + GoodToken], 400, GoodToken },
        { "tab before token", ["Bearer \t" + GoodToken], 400, GoodToken },
        { "tab after token", ["Bearer " + GoodToken + "\t"], 400, GoodToken },
        { "space inside token", ["Bearer " + GoodToken + " extra"], 400, GoodToken },
        { "leading space", [" Bearer " + GoodToken], 400, GoodToken },
        { "two schemes in one value", ["Bearer " + GoodToken + ", Basic " + GoodBasic], 400, GoodToken },
        { "NUL in token", ["Bearer " + GoodToken + "\0"], 400, GoodToken },
        { "CR LF in token", ["Bearer " + GoodToken + "\r\nX-Injected: 1"], 400, GoodToken },
        { "non-ASCII in token", ["Bearer pat-hostile-tök-9Wq2"], 400, "pat-hostile-tök-9Wq2" },
        { "non-ASCII in scheme", ["B\u0435arer " + GoodToken], 400, GoodToken },
        { "equals sign after scheme", ["Bearer=" + GoodToken], 400, GoodToken },
        { "colon after scheme", ["Bearer:" + GoodToken], 400, GoodToken },
        { "no separator", ["Bearer" + GoodToken], 401, GoodToken },
        { "64 KB token", ["Bearer " + LongToken], 401, LongToken },
        { "64 KB non-ASCII token", ["Bearer " + LongNonAscii], 400, LongNonAscii },
        { "empty header", [""], 400, "" },
        { "Digest", ["Digest username=\"jdoe\", response=\"digest-secret-5Tg8\""], 401, "digest-secret-5Tg8" },
        { "Negotiate", ["Negotiate negotiate-secret-3Jx1"], 401, "negotiate-secret-3Jx1" },
        { "NTLM", ["NTLM ntlm-secret-8Kd2"], 401, "ntlm-secret-8Kd2" },
        { "Token", ["Token " + GoodToken], 401, GoodToken },
        { "two Bearer headers", ["Bearer " + GoodToken, "Bearer " + GoodToken], 400, GoodToken },
        { "Bearer and Basic headers", ["Bearer " + GoodToken, "Basic " + GoodBasic], 400, HostileHost.BasicPassword },
        { "empty and Bearer headers", ["", "Bearer " + GoodToken], 400, GoodToken },
        { "Basic as written", ["Basic " + GoodBasic], 200, HostileHost.BasicPassword },
        { "Basic lower case", ["basic " + GoodBasic], 200, GoodBasic },
        { "Basic wrong password", ["Basic " + Base64("jdoe:basic-wrong-pw-6Yh3")], 401, "basic-wrong-pw-6Yh3" },
        { "Basic empty password", ["Basic " + Base64("jdoe:")], 401, "" },
        { "Basic not base64", ["Basic basic-not-base64-!!"], 400, "basic-not-base64-!!" },
        { "Basic base64 with padding missing", ["Basic " + GoodBasic.TrimEnd('=') + "A"], 400, GoodBasic },
        { "Basic no colon", ["Basic " + Base64("basic-no-colon-secret-4Rf7")], 400, "basic-no-colon-secret-4Rf7" },
        { "Basic empty user id", ["Basic " + Base64(":basic-secret-empty-user-2Wd")], 400, "basic-secret-empty-user-2Wd" },
        { "Basic invalid UTF-8", ["Basic " + Convert.ToBase64String([0x6A, 0x3A, 0xC3, 0x28, 0xFF])], 400, "" },
        { "Basic no credentials", ["Basic"], 400, "" },
        { "Basic 64 KB password", ["Basic " + LongBasic], 401, LongBasic },
        { "Basic 64 KB without colon", ["Basic " + Base64(new string('u', 48 * 1024))], 400, "" },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public async Task Header_gets_exact_status(string name, string[] values, int status, string secret)
    {
        _ = name;
        var response = await _host.SendAsync(request => request.Headers.Authorization = new StringValues(values));

        HostileAssert.Handled(response, _host.App.Logs, status, secret);
        if (status == StatusCodes.Status401Unauthorized)
        {
            Assert.True(response.Headers.WWWAuthenticate.Count > 0, "A 401 response names its schemes in WWW-Authenticate.");
        }

    }

    [Theory]
    [MemberData(nameof(Headers))]
    public async Task Header_from_browser_is_never_redirected(string name, string[] values, int status, string secret)
    {
        _ = name;
        var response = await _host.SendAsync(request =>
        {
            request.Headers.Accept = "text/html";
            request.Headers.Authorization = new StringValues(values);
        });

        HostileAssert.Handled(response, _host.App.Logs, status, secret);
    }

    [Theory]
    [MemberData(nameof(Headers))]
    public async Task Header_beside_valid_cookie_is_ignored(string name, string[] values, int status, string secret)
    {
        var cookie = _host.App.CookieFor(Infrastructure.TestSessions.Committer);

        var response = await _host.SendAsync(request =>
        {
            request.Headers.Cookie = cookie;
            request.Headers.Authorization = new StringValues(values);
        });

        HostileAssert.Handled(response, _host.App.Logs, StatusCodes.Status200OK, secret, cookie);
        Assert.Equal("uid=jdoe", response.Body);
        _ = (name, status);
    }

    [Theory]
    [MemberData(nameof(Headers))]
    public async Task Header_on_optional_session_never_fails(string name, string[] values, int status, string secret)
    {
        _ = name;
        var response = await _host.SendAsync(request => request.Headers.Authorization = new StringValues(values), path: "/optional");

        HostileAssert.Handled(response, _host.App.Logs, StatusCodes.Status200OK, secret);
        Assert.Equal(status == StatusCodes.Status200OK, response.Body.StartsWith("uid=", StringComparison.Ordinal));
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
