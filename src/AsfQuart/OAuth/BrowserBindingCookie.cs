using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AsfQuart;

/// <summary>
/// Binds a login to the browser that started it. The browser gets a random value in a short-lived
/// cookie, and the pending login stores the SHA-256 of that value. The callback must send the cookie
/// back, so a callback link sent to another person cannot log them in (login CSRF).
/// </summary>
/// <remarks>
/// The cookie is <c>SameSite=Lax</c> because the callback is a top-level navigation from the
/// provider's site, on which a <c>Strict</c> cookie would not be sent.
/// </remarks>
internal static class BrowserBindingCookie
{
    /// <summary>
    /// Returns the binding value of this browser: the one in its cookie when that is well formed, so
    /// logins started in two tabs both succeed, else a new one. Either way the cookie is renewed.
    /// </summary>
    public static string Issue(HttpContext context, AsfQuartOptions options, TimeSpan lifetime)
    {
        var name = CookieName(options);
        var value = ChunkedCookies.ReadExactName(context.Request.Cookies, name);
        if (!OAuthRandom.HasValueShape(value))
        {
            value = OAuthRandom.CreateValue();
        }

        context.Response.Cookies.Append(name, value!, CreateOptions(options, lifetime));
        return value!;
    }

    /// <summary>Determines whether the request carries the cookie whose hash the pending login kept.</summary>
    public static bool Matches(HttpContext context, AsfQuartOptions options, string expectedHash)
    {
        var value = ChunkedCookies.ReadExactName(context.Request.Cookies, CookieName(options));
        if (!OAuthRandom.HasValueShape(value))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(value!)), Encoding.ASCII.GetBytes(expectedHash));
    }

    /// <summary>Computes the hash that a pending login keeps in place of the cookie value.</summary>
    public static string Hash(string value) => PendingLoginKeys.Hash(value);

    /// <summary>Deletes the cookie, after the login it served has finished.</summary>
    public static void Delete(HttpContext context, AsfQuartOptions options) =>
        context.Response.Cookies.Delete(CookieName(options), CreateOptions(options, lifetime: null));

    private static string CookieName(AsfQuartOptions options) => options.EffectiveCookieName + "-login";

    private static CookieOptions CreateOptions(AsfQuartOptions options, TimeSpan? lifetime) => new()
    {
        HttpOnly = true,
        Secure = options.SecureCookie,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        MaxAge = lifetime,
        IsEssential = true,
    };
}
