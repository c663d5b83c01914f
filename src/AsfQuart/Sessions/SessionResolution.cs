namespace AsfQuart;

/// <summary>The outcome of looking for a session in a request's cookie and <c>Authorization</c> header.</summary>
internal sealed class SessionResolution
{
    public static readonly SessionResolution NoCredentials = new(null, ResolutionFailure.NoCredentials, null);
    public static readonly SessionResolution UnsupportedScheme = new(null, ResolutionFailure.InvalidCredentials, "The authorization scheme is not supported.");
    public static readonly SessionResolution InvalidToken = new(null, ResolutionFailure.InvalidCredentials, "The bearer token is invalid, expired or revoked.");
    public static readonly SessionResolution InvalidBasicCredentials = new(null, ResolutionFailure.InvalidCredentials, "The user id or password is wrong.");
    public static readonly SessionResolution TokensDisabled = new(null, ResolutionFailure.InvalidCredentials, "This application does not accept bearer tokens.");
    public static readonly SessionResolution BasicDisabled = new(null, ResolutionFailure.InvalidCredentials, "This application does not accept Basic authentication.");
    public static readonly SessionResolution Unavailable = new(null, ResolutionFailure.Unavailable, "The authentication service is unavailable. Try again later.");
    public static readonly SessionResolution Error = new(null, ResolutionFailure.Error, "The credentials could not be checked because of a server error.");

    private SessionResolution(Session? session, ResolutionFailure failure, string? message, TimeSpan? retryAfter = null)
    {
        Session = session;
        Failure = failure;
        Message = message;
        RetryAfter = retryAfter;
    }

    public Session? Session { get; }

    public ResolutionFailure Failure { get; }

    public string? Message { get; }

    // How long a rate-limited client should wait, sent as Retry-After.
    public TimeSpan? RetryAfter { get; }

    public static SessionResolution Success(Session session) => new(session, ResolutionFailure.None, null);

    public static SessionResolution Malformed(string message) => new(null, ResolutionFailure.MalformedHeader, message);

    public static SessionResolution RateLimited(TimeSpan? retryAfter) =>
        new(null, ResolutionFailure.RateLimited, "Too many failed login attempts. Try again later.", retryAfter);
}

internal enum ResolutionFailure
{
    None,
    NoCredentials,
    InvalidCredentials,
    MalformedHeader,
    Unavailable,
    Error,
    RateLimited,
}
