using Microsoft.AspNetCore.Http;

namespace AsfQuart;

/// <summary>
/// Turns a session into the value of the session cookie and back. The default keeps the whole
/// session, encrypted, in the cookie; the server-side store keeps it in <c>IDistributedCache</c>
/// and puts only a protected session id in the cookie.
/// </summary>
/// <remarks>
/// The resolver calls <see cref="RetrieveAsync"/> while it resolves the request's session; the
/// cookie writer calls <see cref="StoreAsync"/> and <see cref="RemoveAsync"/> once, when the
/// response starts, like the <c>ITicketStore</c> of ASP.NET Core's cookie authentication.
/// </remarks>
internal interface ISessionCookieStore
{
    /// <summary>
    /// Returns the cookie value for <paramref name="session"/> when it can be computed now without I/O,
    /// so that a session too large for a cookie fails in the handler that wrote it; otherwise
    /// <see langword="null"/>, and <see cref="StoreAsync"/> computes it when the response starts.
    /// </summary>
    string? Protect(Session session, DateTimeOffset validatedAt);

    /// <summary>Reads the session that a cookie value stands for.</summary>
    ValueTask<SessionCookieRead> RetrieveAsync(HttpContext context, string cookieValue);

    /// <summary>
    /// Stores <paramref name="session"/> and returns the cookie value to send, or <see langword="null"/>
    /// when the session no longer exists (it was logged out meanwhile) and the cookie must be deleted.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="session">The session to keep.</param>
    /// <param name="validatedAt">The time the session validators last accepted the session.</param>
    /// <param name="isNewLogin">Whether <c>SignInAsfSession</c> started this session, so it needs a new identity.</param>
    ValueTask<string?> StoreAsync(HttpContext context, Session session, DateTimeOffset validatedAt, bool isNewLogin);

    /// <summary>Ends the session that the request's cookie value stands for, if the store keeps any state for it.</summary>
    ValueTask RemoveAsync(HttpContext context, string? cookieValue);
}

/// <summary>The outcome of reading a session cookie value.</summary>
internal readonly record struct SessionCookieRead(CookieSession Session, SessionCookieReadStatus Status)
{
    public static SessionCookieRead NotFound => new(default, SessionCookieReadStatus.NotFound);

    public static SessionCookieRead Unavailable => new(default, SessionCookieReadStatus.Unavailable);

    public static SessionCookieRead Found(CookieSession session) => new(session, SessionCookieReadStatus.Found);
}

internal enum SessionCookieReadStatus
{
    Found,

    // The value is not a session of this application, or the session has ended.
    NotFound,

    // The store that keeps the session could not be reached; the request gets 503 unless another credential works.
    Unavailable,
}
