using Microsoft.AspNetCore.Http;

namespace AsfQuart;

/// <summary>
/// The exception that a handler behind <c>RequireAsfSession</c> throws to deny the request. The
/// endpoint filter turns it into a response exactly like a failed requirement: 403 Forbidden unless
/// another status is given, with the message as the body.
/// </summary>
public sealed class AuthenticationFailedException : Exception
{
    /// <summary>Initializes a new instance that sends 403 Forbidden with <paramref name="message"/>.</summary>
    /// <param name="message">The message sent to the client.</param>
    public AuthenticationFailedException(string message)
        : this(message, StatusCodes.Status403Forbidden)
    {
    }

    /// <summary>Initializes a new instance that sends <paramref name="statusCode"/> with <paramref name="message"/>.</summary>
    /// <param name="message">The message sent to the client.</param>
    /// <param name="statusCode">A 4xx status code.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not in the 4xx range.</exception>
    public AuthenticationFailedException(string message, int statusCode)
        : base(message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 499);

        StatusCode = statusCode;
    }

    /// <summary>Initializes a new instance with a generic message.</summary>
    public AuthenticationFailedException()
        : this("Access to this resource is denied.")
    {
    }

    /// <summary>Initializes a new instance with a message and the exception that caused it.</summary>
    /// <param name="message">The message sent to the client.</param>
    /// <param name="innerException">The cause, for the log.</param>
    public AuthenticationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = StatusCodes.Status403Forbidden;
    }

    /// <summary>Gets the status code of the response.</summary>
    public int StatusCode { get; }
}
