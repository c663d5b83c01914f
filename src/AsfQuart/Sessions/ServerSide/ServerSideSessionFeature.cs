namespace AsfQuart;

/// <summary>
/// The server-side session that a request's cookie stands for, as the store read it, kept in
/// <c>HttpContext.Features</c> so the write at the end of the request can tell what the handler changed.
/// </summary>
internal sealed class ServerSideSessionFeature(ServerSideSessionKeys keys, string cookieValue, Session session, DateTimeOffset validatedAt)
{
    public ServerSideSessionKeys Keys { get; } = keys;

    public string CookieValue { get; } = cookieValue;

    public Session Session { get; } = session;

    public DateTimeOffset ValidatedAt { get; } = validatedAt;
}
