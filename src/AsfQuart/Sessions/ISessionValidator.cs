namespace AsfQuart;

/// <summary>
/// Re-checks a cookie session, for example that its account still exists and is not disabled.
/// Every registered implementation is called once per <see cref="AsfQuartOptions.ValidationInterval"/>
/// for each session, the twin of ASP.NET Core's <c>CookieAuthenticationEvents.OnValidatePrincipal</c>.
/// Concurrent requests of one session that find it due may each call it, and so does every request
/// while a validator reports its service unavailable.
/// </summary>
public interface ISessionValidator
{
    /// <summary>Validates the session in <paramref name="context"/>, replacing or rejecting it when it no longer holds.</summary>
    /// <param name="context">The session and the request it came with.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted.</param>
    /// <returns>A task that completes when the session has been validated.</returns>
    /// <exception cref="AuthenticationUnavailableException">The service that validates sessions cannot be reached.</exception>
    ValueTask ValidateAsync(SessionValidationContext context, CancellationToken cancellationToken);
}
