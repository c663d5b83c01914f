using System.Net;
using AsfQuart.Tests.OAuth.Infrastructure;

namespace AsfQuart.Tests.Attacks;

/// <summary>Checks that every response to hostile input stays plain: no 500, no exception text, no new session.</summary>
internal static class HostileResponses
{
    private static readonly string[] ExceptionMarkers = ["Exception", "   at ", "System.", "Microsoft."];

    public static async Task AssertRejectedPlainlyAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();

        Assert.InRange(status, 400, 499);
        foreach (var marker in ExceptionMarkers)
        {
            Assert.DoesNotContain(marker, body, StringComparison.Ordinal);
        }

        AssertNoSessionCookie(response);
    }

    public static async Task AssertNoServerErrorAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        foreach (var marker in ExceptionMarkers)
        {
            Assert.DoesNotContain(marker, body, StringComparison.Ordinal);
        }
    }

    /// <summary>Asserts that the response sets no session cookie. The short-lived login binding cookie may be set.</summary>
    public static void AssertNoSessionCookie(HttpResponseMessage response)
    {
        var setCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];

        Assert.DoesNotContain(setCookies, cookie => cookie.StartsWith("__Host-refapp=", StringComparison.Ordinal) && !cookie.StartsWith("__Host-refapp=;", StringComparison.Ordinal));
        Assert.DoesNotContain(setCookies, cookie => cookie.StartsWith("__Host-refappC", StringComparison.Ordinal) && !cookie.Contains("=;", StringComparison.Ordinal));
    }

    public static void AssertLogsOmit(OAuthTestApp app, params string[] secrets)
    {
        var logs = app.LogText().ToList();
        foreach (var secret in secrets.Where(secret => secret.Length >= 6))
        {
            Assert.DoesNotContain(logs, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }
}
