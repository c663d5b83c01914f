using Microsoft.Net.Http.Headers;

namespace AsfQuart.Tests.OAuth.Infrastructure;

/// <summary>
/// A client of a test server that keeps cookies like one browser: it stores every Set-Cookie of a
/// response, drops deleted ones, and sends the rest with each request.
/// </summary>
public sealed class TestBrowser(HttpClient client)
{
    private static readonly DateTimeOffset DeletedBefore = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public void SetCookie(string name, string value) => _cookies[name] = value;

    public Task<HttpResponseMessage> GetAsync(string url, string? secFetchSite = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, url), secFetchSite);

    public Task<HttpResponseMessage> PostAsync(string url, string? secFetchSite = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, url), secFetchSite);

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? secFetchSite = null)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add(HeaderNames.Cookie, string.Join("; ", _cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
        }

        if (secFetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", secFetchSite);
        }

        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues(HeaderNames.SetCookie, out var setCookies))
        {
            foreach (var cookie in SetCookieHeaderValue.ParseList(setCookies.ToList()))
            {
                // Servers delete a cookie with an expiry in 1970; later expiries come from the fake clock, not the real one.
                var deleted = cookie.Value.Length == 0 || cookie.Expires < DeletedBefore || cookie.MaxAge <= TimeSpan.Zero;
                if (deleted)
                {
                    _cookies.Remove(cookie.Name.ToString());
                }
                else
                {
                    _cookies[cookie.Name.ToString()] = cookie.Value.ToString();
                }
            }
        }

        return response;
    }
}
