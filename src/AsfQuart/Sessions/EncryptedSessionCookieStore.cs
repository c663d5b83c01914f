using Microsoft.AspNetCore.Http;

namespace AsfQuart;

/// <summary>
/// Keeps the whole session, encrypted and authenticated by <see cref="SessionCookieProtector"/>, in
/// the cookie itself. The default <see cref="ISessionCookieStore"/>: it needs no server-side state,
/// so logging out only deletes the cookie in the browser.
/// </summary>
internal sealed class EncryptedSessionCookieStore(SessionCookieProtector protector, SessionCookieCache cookieCache) : ISessionCookieStore
{
    public string? Protect(Session session, DateTimeOffset validatedAt) => protector.Protect(session, validatedAt);

    public ValueTask<SessionCookieRead> RetrieveAsync(HttpContext context, string cookieValue) =>
        ValueTask.FromResult(cookieCache.TryUnprotect(cookieValue, out var cookieSession) ? SessionCookieRead.Found(cookieSession) : SessionCookieRead.NotFound);

    public ValueTask<string?> StoreAsync(HttpContext context, Session session, DateTimeOffset validatedAt, bool isNewLogin) =>
        ValueTask.FromResult<string?>(protector.Protect(session, validatedAt));

    public ValueTask RemoveAsync(HttpContext context, string? cookieValue) => ValueTask.CompletedTask;
}
