namespace AsfQuart;

/// <summary>A session read from the cookie, with the time the session validators last accepted it.</summary>
internal readonly record struct CookieSession(Session Session, DateTimeOffset ValidatedAt);
