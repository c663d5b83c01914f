using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace AsfQuart.Tests.Hostile;

/// <summary>The status, headers and body of a response to a request built directly on <see cref="HttpContext"/>.</summary>
public sealed record HostileResponse(int StatusCode, IHeaderDictionary Headers, string Body)
{
    /// <summary>
    /// Sends a request through <see cref="TestServer.SendAsync"/>, which lets a test set header values
    /// that HttpClient would reject (control characters, non-ASCII, several Authorization headers).
    /// </summary>
    public static async Task<HostileResponse> SendAsync(TestServer server, Action<HttpRequest> configure, string method = "GET", string path = "/secret")
    {
        var context = await server.SendAsync(context =>
        {
            context.Request.Method = method;
            context.Request.Path = path;
            configure(context.Request);
        });

        using var reader = new StreamReader(context.Response.Body);
        var body = await reader.ReadToEndAsync();
        return new HostileResponse(context.Response.StatusCode, context.Response.Headers, body);
    }

    public IReadOnlyList<string> SetCookies => [.. Headers.SetCookie.Where(value => value is not null).Select(value => value!)];
}
