using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Finds the session of a request: the session cookie first, then a bearer token, then Basic
/// credentials. An expired or unreadable cookie does not stop the <c>Authorization</c> header from being tried.
/// </summary>
internal sealed class SessionResolver(
    IOptionsMonitor<AsfQuartOptions> optionsMonitor,
    SessionCookieCache cookieCache,
    SessionCookieWriter cookieWriter,
    TimeProvider timeProvider,
    AsfQuartMetrics metrics,
    ILogger<SessionResolver> logger)
{
    public async ValueTask<SessionResolution> ResolveAsync(HttpContext context, SessionFeature feature)
    {
        var options = optionsMonitor.CurrentValue;
        var now = timeProvider.GetUtcNow();

        var cookieSession = await ReadCookieAsync(context, feature, options, now).ConfigureAwait(false);
        if (cookieSession is not null)
        {
            metrics.SessionResolved(SessionSource.Cookie);
            return SessionResolution.Success(cookieSession);
        }

        var resolution = await ReadAuthorizationAsync(context, options, now).ConfigureAwait(false);
        if (resolution.Session is { } session)
        {
            metrics.SessionResolved(session.Source);
        }

        return resolution;
    }

    private async ValueTask<Session?> ReadCookieAsync(HttpContext context, SessionFeature feature, AsfQuartOptions options, DateTimeOffset now)
    {
        var cookieName = options.EffectiveCookieName;
        var value = ChunkedCookies.Read(context.Request.Cookies, cookieName);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!cookieCache.TryUnprotect(value, out var cookieSession))
        {
            Log.SessionCookieUnreadable(logger, cookieName);
            return null;
        }

        var session = cookieSession.Session;
        var idleTimeout = context.GetEndpoint()?.Metadata.GetMetadata<SessionIdleTimeoutMetadata>()?.IdleTimeout ?? options.IdleTimeout;
        var idleTime = now - session.LastAccessedAt;
        if (idleTime > idleTimeout)
        {
            Log.SessionIdleExpired(logger, session.Uid, idleTime, idleTimeout);
            return null;
        }

        var age = now - session.CreatedAt;
        if (options.MaxSessionAge is { } maxSessionAge && age > maxSessionAge)
        {
            Log.SessionMaxAgeExpired(logger, session.Uid, age, maxSessionAge);
            return null;
        }

        feature.PreviousAccess = session.LastAccessedAt;
        var validatedAt = cookieSession.ValidatedAt;
        var mustWrite = idleTime >= options.RefreshInterval;

        if (now - validatedAt >= options.ValidationInterval && HasValidators(context, options))
        {
            var validated = await ValidateAsync(context, session, options).ConfigureAwait(false);
            if (validated.Outcome == ValidationOutcome.Rejected)
            {
                cookieWriter.ScheduleDelete(context, feature);
                return null;
            }

            if (validated.Outcome != ValidationOutcome.Unavailable)
            {
                session = validated.Session;
                validatedAt = now;
                mustWrite = true;
            }
        }

        session = session with { LastAccessedAt = now };
        feature.ValidatedAt = validatedAt;
        if (mustWrite)
        {
            cookieWriter.ScheduleWrite(context, feature, session, validatedAt, protectedValue: null);
        }

        return session;
    }

    private static bool HasValidators(HttpContext context, AsfQuartOptions options) =>
        options.ValidateSession is not null || context.RequestServices.GetService<IEnumerable<ISessionValidator>>()?.Any() == true;

    private async ValueTask<(ValidationOutcome Outcome, Session Session)> ValidateAsync(HttpContext context, Session session, AsfQuartOptions options)
    {
        var validationContext = new SessionValidationContext(context, session);
        try
        {
            foreach (var validator in context.RequestServices.GetServices<ISessionValidator>())
            {
                await validator.ValidateAsync(validationContext, context.RequestAborted).ConfigureAwait(false);
                if (validationContext.IsRejected)
                {
                    break;
                }
            }

            if (!validationContext.IsRejected && options.ValidateSession is { } validate)
            {
                await validate(validationContext).ConfigureAwait(false);
            }
        }
        catch (AuthenticationUnavailableException exception)
        {
            Log.SessionValidationUnavailable(logger, session.Uid, exception);
            return (ValidationOutcome.Unavailable, session);
        }

        if (validationContext.IsRejected)
        {
            Log.SessionRejected(logger, session.Uid, validationContext.RejectionReason);
            return (ValidationOutcome.Rejected, session);
        }

        return (ValidationOutcome.Accepted, validationContext.Session);
    }

    private async ValueTask<SessionResolution> ReadAuthorizationAsync(HttpContext context, AsfQuartOptions options, DateTimeOffset now)
    {
        var headers = context.Request.Headers.Authorization;
        if (headers.Count == 0)
        {
            return SessionResolution.NoCredentials;
        }

        if (headers.Count > 1)
        {
            return Malformed("The request has more than one Authorization header.");
        }

        var scheme = AuthorizationHeader.Parse(headers[0] ?? "", out var credentials, out var error);
        if (scheme == AuthorizationScheme.Other)
        {
            return SessionResolution.UnsupportedScheme;
        }

        if (error is not null)
        {
            return Malformed(error);
        }

        return scheme == AuthorizationScheme.Bearer
            ? await ReadBearerAsync(context, options, credentials, now).ConfigureAwait(false)
            : await ReadBasicAsync(context, options, credentials, now).ConfigureAwait(false);
    }

    private async ValueTask<SessionResolution> ReadBearerAsync(HttpContext context, AsfQuartOptions options, string token, DateTimeOffset now)
    {
        var handler = options.TokenHandler;
        if (handler is null && context.RequestServices.GetService<ITokenHandler>() is { } service)
        {
            handler = service.AuthenticateAsync;
        }

        if (handler is null)
        {
            Log.BearerWithoutHandler(logger);
            return SessionResolution.TokensDisabled;
        }

        var resolution = await AuthenticateAsync(context, options, "token handler", cancellationToken => handler(token, cancellationToken), SessionSource.Token, now).ConfigureAwait(false);
        if (resolution is null)
        {
            Log.TokenRejected(logger);
            return SessionResolution.InvalidToken;
        }

        return resolution;
    }

    private async ValueTask<SessionResolution> ReadBasicAsync(HttpContext context, AsfQuartOptions options, string encoded, DateTimeOffset now)
    {
        var authenticator = context.RequestServices.GetService<IBasicAuthenticator>();
        if (authenticator is null)
        {
            Log.BasicDisabled(logger);
            return SessionResolution.BasicDisabled;
        }

        if (!BasicCredentials.TryDecode(encoded, out var userId, out var password, out var error))
        {
            return Malformed(error!);
        }

        // An empty password would be an unauthenticated bind to many directories, which succeeds.
        if (password.Length == 0)
        {
            Log.BasicRejected(logger, userId);
            return SessionResolution.InvalidBasicCredentials;
        }

        var resolution = await AuthenticateAsync(context, options, "Basic authenticator", cancellationToken => authenticator.AuthenticateAsync(userId, password, cancellationToken), SessionSource.Basic, now).ConfigureAwait(false);
        if (resolution is null)
        {
            Log.BasicRejected(logger, userId);
            return SessionResolution.InvalidBasicCredentials;
        }

        return resolution;
    }

    // Returns null when the credentials were not accepted, a failure when the authenticator could not decide.
    private async ValueTask<SessionResolution?> AuthenticateAsync(
        HttpContext context,
        AsfQuartOptions options,
        string authenticatorName,
        Func<CancellationToken, ValueTask<Session?>> authenticate,
        SessionSource source,
        DateTimeOffset now)
    {
        using var timeout = new CancellationTokenSource(options.AuthenticationTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, context.RequestAborted);

        Session? session;
        try
        {
            var pending = authenticate(linked.Token);
            session = pending.IsCompletedSuccessfully ? pending.Result : await pending.AsTask().WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            Log.AuthenticatorTimedOut(logger, authenticatorName, options.AuthenticationTimeout);
            return SessionResolution.Unavailable;
        }
        catch (Exception exception) when (exception is AuthenticationUnavailableException or TimeoutException or HttpRequestException)
        {
            Log.AuthenticatorUnavailable(logger, authenticatorName, exception);
            return SessionResolution.Unavailable;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.AuthenticatorFailed(logger, authenticatorName, exception);
            return SessionResolution.Error;
        }

        if (session is null)
        {
            return null;
        }

        var createdAt = session.CreatedAt == default ? now : session.CreatedAt;
        return SessionResolution.Success(session with { Source = source, CreatedAt = createdAt, LastAccessedAt = now });
    }

    private SessionResolution Malformed(string reason)
    {
        Log.MalformedAuthorization(logger, reason);
        return SessionResolution.Malformed(reason);
    }

    private enum ValidationOutcome
    {
        Accepted,
        Rejected,
        Unavailable,
    }
}
