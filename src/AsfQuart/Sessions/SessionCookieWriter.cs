using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Writes or deletes the session cookie once per request, just before the response starts, so the
/// last change a handler makes is the one the browser keeps.
/// </summary>
internal sealed class SessionCookieWriter(
    IOptionsMonitor<AsfQuartOptions> optionsMonitor,
    ISessionCookieStore cookieStore)
{
    private static readonly Func<object, Task> FlushCallback = state =>
    {
        var (writer, context) = ((SessionCookieWriter, HttpContext))state;
        return writer.FlushAsync(context);
    };

    // Returns null when the cookie store computes the value only when the response starts.
    public string? Protect(Session session, DateTimeOffset validatedAt)
    {
        var options = optionsMonitor.CurrentValue;
        var value = cookieStore.Protect(session, validatedAt);
        if (value is null)
        {
            return null;
        }

        // The expiry only adds its fixed-length date to the header, so any date measures the same.
        var cookieOptions = CreateCookieOptions(options, DateTimeOffset.UnixEpoch);
        var chunks = ChunkedCookies.CountChunks(options.EffectiveCookieName, value, cookieOptions, options.CookieChunkSize);
        if (chunks > ChunkedCookies.MaxChunks)
        {
            throw new InvalidOperationException(
                $"The session of '{session.Uid}' is too large for a cookie: it needs {chunks} chunks and the maximum is {ChunkedCookies.MaxChunks}. Keep less in Session.Metadata.");
        }

        return value;
    }

    public void ScheduleWrite(HttpContext context, SessionFeature feature, Session session, DateTimeOffset validatedAt, string? protectedValue)
    {
        feature.PendingCookie = CookieAction.Write;
        feature.SessionToWrite = session;
        feature.ValidatedAt = validatedAt;
        feature.ProtectedValue = protectedValue;
        Register(context, feature);
    }

    public void ScheduleDelete(HttpContext context, SessionFeature feature)
    {
        feature.PendingCookie = CookieAction.Delete;
        feature.SessionToWrite = null;
        feature.ProtectedValue = null;
        Register(context, feature);
    }

    private void Register(HttpContext context, SessionFeature feature)
    {
        if (feature.WriteRegistered)
        {
            return;
        }

        if (context.Response.HasStarted)
        {
            throw new InvalidOperationException("The session cookie cannot be changed after the response has started. Write or clear the session before writing the body.");
        }

        context.Response.OnStarting(FlushCallback, (this, context));
        feature.WriteRegistered = true;
    }

    private async Task FlushAsync(HttpContext context)
    {
        var feature = context.Features.Get<SessionFeature>();
        if (feature is null || feature.PendingCookie == CookieAction.None)
        {
            return;
        }

        var options = optionsMonitor.CurrentValue;
        var cookieName = options.EffectiveCookieName;

        if (feature.PendingCookie == CookieAction.Delete || feature.SessionToWrite is null)
        {
            await cookieStore.RemoveAsync(context, ChunkedCookies.Read(context.Request.Cookies, cookieName)).ConfigureAwait(false);
            ChunkedCookies.Delete(context, cookieName, CreateCookieOptions(options, expires: null));
            return;
        }

        var session = feature.SessionToWrite;
        var value = feature.ProtectedValue
            ?? await cookieStore.StoreAsync(context, session, feature.ValidatedAt, feature.IsNewLogin).ConfigureAwait(false);
        if (value is null)
        {
            ChunkedCookies.Delete(context, cookieName, CreateCookieOptions(options, expires: null));
            return;
        }

        var expires = session.LastAccessedAt + options.IdleTimeout;
        if (options.MaxSessionAge is { } maxSessionAge && session.CreatedAt + maxSessionAge < expires)
        {
            expires = session.CreatedAt + maxSessionAge;
        }

        ChunkedCookies.Write(context, cookieName, value, CreateCookieOptions(options, expires), options.CookieChunkSize);
    }

    public static CookieOptions CreateCookieOptions(AsfQuartOptions options, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = options.SecureCookie,
        SameSite = options.CookieSameSite,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}
