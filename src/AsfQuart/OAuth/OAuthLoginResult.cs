using Microsoft.AspNetCore.Http;

namespace AsfQuart;

/// <summary>The outcome of a code exchange: the session of the user, or the status and message of the failure.</summary>
public sealed class OAuthLoginResult
{
    private OAuthLoginResult(Session? session, int statusCode, string? message)
    {
        Session = session;
        StatusCode = statusCode;
        Message = message;
    }

    /// <summary>Gets the session of the user who logged in, or <see langword="null"/> when the login failed.</summary>
    public Session? Session { get; }

    /// <summary>Gets the status code of the response to a failed login, or 200 on success.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the message shown to the user when the login failed. It never contains a code or token.</summary>
    public string? Message { get; }

    /// <summary>Creates the result of a successful login.</summary>
    /// <param name="session">The session of the user.</param>
    /// <returns>The result.</returns>
    public static OAuthLoginResult Success(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);

        return new OAuthLoginResult(session, StatusCodes.Status200OK, null);
    }

    /// <summary>Creates the result of a login that the provider refused, for example an unknown or used code (403 Forbidden).</summary>
    /// <param name="message">What failed, for the user.</param>
    /// <returns>The result.</returns>
    public static OAuthLoginResult Rejected(string message) => new(null, StatusCodes.Status403Forbidden, message);

    /// <summary>Creates the result of a provider that failed, timed out or sent an invalid response (502 Bad Gateway).</summary>
    /// <param name="message">What failed, for the user.</param>
    /// <returns>The result.</returns>
    public static OAuthLoginResult ProviderFailed(string message) => new(null, StatusCodes.Status502BadGateway, message);
}
