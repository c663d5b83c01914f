using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AsfQuart.Testing;

/// <summary>
/// Lets an application's tests send requests that carry a given AsfQuart session, as a real cookie
/// encrypted with the application's own keys, or a bearer token.
/// </summary>
public static class SessionTestExtensions
{
    /// <summary>
    /// Creates the value of a <c>Cookie</c> request header that carries <paramref name="session"/>,
    /// split into chunks exactly as the application would write it.
    /// </summary>
    /// <param name="services">The application's services, for example <c>app.Services</c> or <c>TestServer.Services</c>.</param>
    /// <param name="session">The session. A default creation or last-access time becomes the current time.</param>
    /// <returns>The header value, such as <c>__Host-my_app=CfDJ8…</c>.</returns>
    /// <exception cref="InvalidOperationException">The session is too large for a cookie, as the application would also find.</exception>
    /// <exception cref="NotSupportedException">The application keeps sessions on the server.</exception>
    public static string CreateSessionCookieHeader(this IServiceProvider services, Session session)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(session);

        var options = services.GetRequiredService<IOptionsMonitor<AsfQuartOptions>>().CurrentValue;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var stamped = session with
        {
            CreatedAt = session.CreatedAt == default ? now : session.CreatedAt,
            LastAccessedAt = session.LastAccessedAt == default ? now : session.LastAccessedAt,
            Source = SessionSource.Cookie,
        };

        // TODO: server-side sessions store the session when the response starts, so there is no cookie value to build here.
        var value = services.GetRequiredService<SessionCookieWriter>().Protect(stamped, now)
            ?? throw new NotSupportedException("CreateSessionCookieHeader works with cookies that carry the encrypted session. With server-side sessions, sign in through an endpoint of the application and reuse its Set-Cookie header.");
        var context = new DefaultHttpContext();
        var cookieOptions = SessionCookieWriter.CreateCookieOptions(options, stamped.LastAccessedAt + options.IdleTimeout);
        ChunkedCookies.Write(context, options.EffectiveCookieName, value, cookieOptions, options.CookieChunkSize);

        var cookies = SetCookieHeaderValue.ParseList(context.Response.Headers.SetCookie.Where(value => value is not null).Select(value => value!).ToList());
        return string.Join("; ", cookies.Select(cookie => $"{cookie.Name}={cookie.Value}"));
    }

    /// <summary>Adds a session cookie for <paramref name="session"/> to the request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="services">The application's services.</param>
    /// <param name="session">The session the request carries.</param>
    /// <returns>The request, for chaining.</returns>
    public static HttpRequestMessage WithAsfSession(this HttpRequestMessage request, IServiceProvider services, Session session)
    {
        ArgumentNullException.ThrowIfNull(request);

        request.Headers.Add(HeaderNames.Cookie, services.CreateSessionCookieHeader(session));
        return request;
    }

    /// <summary>Adds <c>Authorization: Bearer</c> with <paramref name="token"/> to the request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="token">The personal access token.</param>
    /// <returns>The request, for chaining.</returns>
    public static HttpRequestMessage WithBearerToken(this HttpRequestMessage request, string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(token);

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Creates a client of the test server whose every request carries <paramref name="session"/> as a cookie.</summary>
    /// <param name="server">The test server.</param>
    /// <param name="session">The session.</param>
    /// <returns>The client.</returns>
    public static HttpClient CreateClientWithAsfSession(this TestServer server, Session session)
    {
        ArgumentNullException.ThrowIfNull(server);

        var client = server.CreateClient();
        client.DefaultRequestHeaders.Add(HeaderNames.Cookie, server.Services.CreateSessionCookieHeader(session));
        return client;
    }
}
