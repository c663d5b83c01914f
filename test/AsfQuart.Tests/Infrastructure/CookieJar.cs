using Microsoft.Net.Http.Headers;

namespace AsfQuart.Tests.Infrastructure;

/// <summary>
/// Keeps cookies the way a browser does for one site: a <c>Set-Cookie</c> replaces the cookie of that
/// name, and one that expired in the past deletes it.
/// </summary>
public sealed class CookieJar
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public static IReadOnlyList<SetCookieHeaderValue> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues(HeaderNames.SetCookie, out var values)
            ? SetCookieHeaderValue.ParseList(values.ToList()).ToList()
            : [];

    public static CookieJar FromHeader(string cookieHeader)
    {
        var jar = new CookieJar();
        foreach (var cookie in CookieHeaderValue.ParseList(cookieHeader.Split("; ")))
        {
            jar._cookies[cookie.Name.Value!] = cookie.Value.Value!;
        }

        return jar;
    }

    public void Apply(HttpResponseMessage response)
    {
        foreach (var cookie in SetCookies(response))
        {
            var name = cookie.Name.Value!;
            // ASP.NET Core deletes a cookie by sending it with an expiry in 1970.
            if (cookie.Expires is { Year: < 2000 })
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = cookie.Value.Value!;
            }
        }
    }

    public string Header => string.Join("; ", _cookies.Select(cookie => $"{cookie.Key}={cookie.Value}"));
}
