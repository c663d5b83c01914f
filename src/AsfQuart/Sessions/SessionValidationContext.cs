using Microsoft.AspNetCore.Http;

namespace AsfQuart;

/// <summary>
/// The session being validated by an <see cref="ISessionValidator"/> or <see cref="AsfQuartOptions.ValidateSession"/>,
/// and the outcome they choose.
/// </summary>
public sealed class SessionValidationContext
{
    internal SessionValidationContext(HttpContext httpContext, Session session)
    {
        HttpContext = httpContext;
        Session = session;
    }

    /// <summary>Gets the request that carried the session cookie.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>Gets the current session: the cookie's, or the replacement of an earlier validator.</summary>
    public Session Session { get; private set; }

    /// <summary>Gets a value indicating whether a validator rejected the session.</summary>
    public bool IsRejected { get; private set; }

    /// <summary>Gets the reason a validator gave for rejecting the session, for the log.</summary>
    public string? RejectionReason { get; private set; }

    internal bool IsReplaced { get; private set; }

    /// <summary>Replaces the session, for example with fresh roles; the cookie is rewritten with it.</summary>
    /// <param name="session">The new session. Its creation time is kept from the old one.</param>
    public void ReplaceSession(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);

        Session = session with { CreatedAt = Session.CreatedAt, LastAccessedAt = Session.LastAccessedAt, Source = SessionSource.Cookie };
        IsReplaced = true;
    }

    /// <summary>Rejects the session: the request continues without one and the cookie is deleted.</summary>
    /// <param name="reason">Why, for the log; never a secret.</param>
    public void RejectSession(string? reason = null)
    {
        IsRejected = true;
        RejectionReason = reason;
    }
}
