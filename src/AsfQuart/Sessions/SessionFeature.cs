namespace AsfQuart;

/// <summary>
/// The per-request state of AsfQuart, kept in <c>HttpContext.Features</c> so that the endpoint
/// filter, parameter binding and explicit reads share one resolution and one cookie write.
/// </summary>
internal sealed class SessionFeature
{
    public SessionResolution? Resolution { get; set; }

    // The last-access time the cookie carried before this request, for reads that ask for a shorter idle timeout.
    public DateTimeOffset? PreviousAccess { get; set; }

    public CookieAction PendingCookie { get; set; }

    public Session? SessionToWrite { get; set; }

    public string? ProtectedValue { get; set; }

    public DateTimeOffset ValidatedAt { get; set; }

    public bool WriteRegistered { get; set; }

    // Set by SignInAsfSession: the session store must give this session a new identity.
    public bool IsNewLogin { get; set; }

    // The session store behind the request's cookie could not be reached.
    public bool CookieStoreUnavailable { get; set; }
}

internal enum CookieAction
{
    None,
    Write,
    Delete,
}
