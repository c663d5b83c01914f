namespace AsfQuart.Tests.Hostile;

/// <summary>Splits a <c>Cookie</c> request header into name and value pairs and joins them again, so tests can tamper with one cookie.</summary>
internal static class CookieHeader
{
    public const string SessionCookieName = "__Host-refapp";

    public static List<KeyValuePair<string, string>> Parse(string header) =>
        [.. header.Split("; ").Select(pair => pair.Split('=', 2)).Select(parts => KeyValuePair.Create(parts[0], parts[1]))];

    public static string Format(IEnumerable<KeyValuePair<string, string>> cookies) =>
        string.Join("; ", cookies.Select(cookie => cookie.Key + "=" + cookie.Value));

    /// <summary>Returns the value of the single, unchunked session cookie in <paramref name="header"/>.</summary>
    public static string SessionValue(string header)
    {
        var cookie = Assert.Single(Parse(header));
        Assert.Equal(SessionCookieName, cookie.Key);
        return cookie.Value;
    }

    public static string Session(string value) => SessionCookieName + "=" + value;
}
