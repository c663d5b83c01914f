using AsfQuart;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Http;

/// <summary>
/// Reads, writes and clears the AsfQuart session of a request.
/// </summary>
public static class SessionHttpContextExtensions
{
    /// <summary>
    /// Reads the session of the request: the session cookie, else a bearer token, else Basic
    /// credentials. The first call resolves it; later calls, parameter binding and the endpoint
    /// filter reuse that result.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="idleTimeout">A stricter idle timeout for this read only; a cookie session unused for longer is not returned.</param>
    /// <returns>The session, or <see langword="null"/> when the request has none or its credentials are invalid.</returns>
    public static ValueTask<AsfQuart.Session?> ReadAsfSessionAsync(this HttpContext context, TimeSpan? idleTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(context);

        var feature = context.Features.Get<SessionFeature>();
        if (feature?.Resolution is { } resolved && idleTimeout is null)
        {
            return ValueTask.FromResult(resolved.Session);
        }

        return ReadSlowAsync(context, idleTimeout);
    }

    /// <summary>
    /// Writes a changed session into the cookie, keeping the creation time of the session the request
    /// came with, so a session that keeps changing still reaches its maximum age.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="session">The session to keep; usually one read from this request and changed with <c>with</c>.</param>
    /// <exception cref="InvalidOperationException">
    /// The session came from a bearer token or Basic credentials, which last one request. Also thrown
    /// when the session is too large for a cookie, or when the response has started.
    /// </exception>
    public static void WriteAsfSession(this HttpContext context, AsfQuart.Session session)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(session);

        if (session.Source != SessionSource.Cookie)
        {
            throw new InvalidOperationException(
                $"A session authenticated by {session.Source} lasts one request and is never written to a cookie. Use SignInAsfSession to start a cookie session.");
        }

        var services = GetServices(context);
        var now = services.TimeProvider.GetUtcNow();
        var feature = GetOrCreateFeature(context);

        var current = feature.Resolution?.Session;
        var createdAt = current is { Source: SessionSource.Cookie } && current.Uid == session.Uid ? current.CreatedAt
            : session.CreatedAt != default ? session.CreatedAt
            : now;
        var validatedAt = current is { Source: SessionSource.Cookie } ? feature.ValidatedAt : now;

        Store(context, feature, services.Writer, session with { CreatedAt = createdAt, LastAccessedAt = now }, validatedAt);
    }

    /// <summary>
    /// Starts a new cookie session after a login: the creation time is now, whatever the session or
    /// an earlier cookie contains.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="session">The session of the user who logged in.</param>
    /// <exception cref="InvalidOperationException">The session is too large for a cookie, or the response has started.</exception>
    public static void SignInAsfSession(this HttpContext context, AsfQuart.Session session)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(session);

        var services = GetServices(context);
        var now = services.TimeProvider.GetUtcNow();
        var feature = GetOrCreateFeature(context);

        feature.IsNewLogin = true;
        Store(context, feature, services.Writer, session with { CreatedAt = now, LastAccessedAt = now, Source = SessionSource.Cookie }, now);
    }

    /// <summary>Deletes the session cookie, with every chunk of it, when the response starts.</summary>
    /// <param name="context">The request.</param>
    /// <exception cref="InvalidOperationException">The response has started.</exception>
    public static void ClearAsfSession(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var services = GetServices(context);
        var feature = GetOrCreateFeature(context);

        services.Writer.ScheduleDelete(context, feature);
        feature.Resolution = SessionResolution.NoCredentials;
    }

    internal static ValueTask<SessionResolution> ResolveAsfSessionAsync(this HttpContext context)
    {
        var feature = context.Features.Get<SessionFeature>();
        if (feature?.Resolution is { } resolved)
        {
            return ValueTask.FromResult(resolved);
        }

        return ResolveSlowAsync(context, feature ?? GetOrCreateFeature(context));
    }

    private static async ValueTask<SessionResolution> ResolveSlowAsync(HttpContext context, SessionFeature feature)
    {
        var resolution = await GetServices(context).Resolver.ResolveAsync(context, feature).ConfigureAwait(false);

        // A handler may have written or cleared the session while this resolution ran; keep its choice.
        feature.Resolution ??= resolution;
        return feature.Resolution;
    }

    private static async ValueTask<AsfQuart.Session?> ReadSlowAsync(HttpContext context, TimeSpan? idleTimeout)
    {
        var resolution = await context.ResolveAsfSessionAsync().ConfigureAwait(false);
        var session = resolution.Session;
        if (session is null || idleTimeout is null || session.Source != SessionSource.Cookie)
        {
            return session;
        }

        var feature = context.Features.Get<SessionFeature>();
        var previousAccess = feature?.PreviousAccess ?? session.LastAccessedAt;
        if (GetServices(context).TimeProvider.GetUtcNow() - previousAccess <= idleTimeout)
        {
            return session;
        }

        // This read treats the session as unused, so the refresh scheduled while resolving is dropped.
        // Otherwise the next request would find it fresh. A write by the handler itself is kept.
        if (feature is { PendingCookie: CookieAction.Write, ProtectedValue: null })
        {
            feature.PendingCookie = CookieAction.None;
        }

        return null;
    }

    private static void Store(HttpContext context, SessionFeature feature, SessionCookieWriter writer, AsfQuart.Session session, DateTimeOffset validatedAt)
    {
        var protectedValue = writer.Protect(session, validatedAt);
        writer.ScheduleWrite(context, feature, session, validatedAt, protectedValue);
        feature.Resolution = SessionResolution.Success(session);
        feature.ValidatedAt = validatedAt;
    }

    private static SessionFeature GetOrCreateFeature(HttpContext context)
    {
        var feature = context.Features.Get<SessionFeature>();
        if (feature is null)
        {
            feature = new SessionFeature();
            context.Features.Set(feature);
        }

        return feature;
    }

    private static AsfQuartServices GetServices(HttpContext context) =>
        context.RequestServices.GetService<AsfQuartServices>()
        ?? throw new InvalidOperationException("AsfQuart is not registered. Call builder.Services.AddAsfQuart(...) when building the application.");
}
