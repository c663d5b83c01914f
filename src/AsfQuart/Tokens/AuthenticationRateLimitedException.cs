namespace AsfQuart;

/// <summary>
/// The exception that a token handler or Basic authenticator throws when the client or the account
/// has failed too often and must wait. The request gets 429 Too Many Requests, with a
/// <c>Retry-After</c> header when <see cref="RetryAfter"/> is known.
/// </summary>
public sealed class AuthenticationRateLimitedException : Exception
{
    /// <summary>Initializes a new instance with the time the client should wait.</summary>
    /// <param name="retryAfter">How long until a new attempt is accepted, if known.</param>
    public AuthenticationRateLimitedException(TimeSpan? retryAfter)
        : base("Too many failed authentication attempts.")
    {
        RetryAfter = retryAfter;
    }

    /// <summary>Initializes a new instance with a message for the log.</summary>
    /// <param name="message">Which limit was reached; never a secret.</param>
    public AuthenticationRateLimitedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message for the log and the cause.</summary>
    /// <param name="message">Which limit was reached; never a secret.</param>
    /// <param name="innerException">The cause.</param>
    public AuthenticationRateLimitedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance with a generic message.</summary>
    public AuthenticationRateLimitedException()
        : base("Too many failed authentication attempts.")
    {
    }

    /// <summary>Gets how long the client should wait before it tries again, if known.</summary>
    public TimeSpan? RetryAfter { get; }
}
