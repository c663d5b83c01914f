namespace AsfQuart;

/// <summary>
/// The exception that a token handler, Basic authenticator or session validator throws when the
/// service it depends on cannot be reached. The request gets 503 Service Unavailable with a generic
/// message; the exception goes to the log only.
/// </summary>
public sealed class AuthenticationUnavailableException : Exception
{
    /// <summary>Initializes a new instance with a message for the log.</summary>
    /// <param name="message">What could not be reached; never a secret.</param>
    public AuthenticationUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message for the log and the cause.</summary>
    /// <param name="message">What could not be reached; never a secret.</param>
    /// <param name="innerException">The failure of the underlying service.</param>
    public AuthenticationUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance with a generic message.</summary>
    public AuthenticationUnavailableException()
        : base("The authentication service is unavailable.")
    {
    }
}
