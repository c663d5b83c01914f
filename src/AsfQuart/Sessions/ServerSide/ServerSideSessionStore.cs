using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Keeps sessions in <c>IDistributedCache</c>, or in Redis directly (<see cref="IServerSideSessionCache"/>),
/// and puts only a random session id, protected with Data Protection, in the cookie. Logging out deletes the stored session, so a copied cookie stops
/// working on every instance at once.
/// </summary>
/// <remarks>
/// <para>Each session has up to three entries, named by <see cref="ServerSideSessionKeys"/>: the
/// encrypted session (sliding expiry of the idle timeout, absolute expiry at the maximum age), the
/// encrypted last-access time that read-only requests refresh, and a tombstone written at logout.</para>
/// <para>The rule for concurrent requests of one session:</para>
/// <list type="bullet">
/// <item>A logout writes the tombstone before it deletes the session. Every write checks the tombstone
/// after it stores, and deletes what it stored when the tombstone exists; every read checks it after
/// reading the session. So a request that raced a logout never brings the session back.</item>
/// <item>A request that only reads never writes the session itself, only the last-access entry, so it
/// cannot overwrite another request's change.</item>
/// <item>A request that changes the session reads the stored version again when the response starts
/// and applies its own change to it field by field (<see cref="ServerSideSessionMerge"/>). On Redis the
/// result is stored with compare-and-set and merged again after a conflict, so no change is lost. On
/// another cache, of two changes that commit within one round trip of each other the later one wins.</item>
/// </list>
/// </remarks>
internal sealed class ServerSideSessionStore : ISessionCookieStore
{
    private const int MaxReplaceAttempts = 32;

    private static readonly TimeSpan ReadFailureLogInterval = TimeSpan.FromSeconds(10);

    private readonly IServerSideSessionCache _cache;
    private readonly ServerSideSessionProtection _protection;
    private readonly IOptions<AsfQuartOptions> _options;
    private readonly ILogger<ServerSideSessionStore> _logger;
    private long _lastReadFailureLogged;

    public ServerSideSessionStore(
        IServerSideSessionCache cache,
        ServerSideSessionProtection protection,
        IOptions<AsfQuartOptions> options,
        ILogger<ServerSideSessionStore> logger)
    {
        _cache = cache;
        _protection = protection;
        _options = options;
        _logger = logger;
    }

    public string? Protect(Session session, DateTimeOffset validatedAt) => null;

    public async ValueTask<SessionCookieRead> RetrieveAsync(HttpContext context, string cookieValue)
    {
        if (!_protection.TryUnprotectId(cookieValue, _cache.KeyPrefix, out var keys))
        {
            return SessionCookieRead.NotFound;
        }

        var cancellationToken = context.RequestAborted;
        try
        {
            var payload = await _cache.GetPayloadAsync(keys.Payload, cancellationToken).ConfigureAwait(false);
            if (payload is null)
            {
                return SessionCookieRead.NotFound;
            }

            if (!_protection.TryUnprotectPayload(keys, payload, out var stored))
            {
                ServerSideSessionLog.StoredSessionUnreadable(_logger);
                return SessionCookieRead.NotFound;
            }

            // Read after the session, so a session that a racing write put back after a logout is still refused.
            var tombstoneTask = _cache.GetAsync(keys.Tombstone, cancellationToken);
            var revocationTask = _cache.GetAsync(ServerSideSessionKeys.ForUser(_cache.KeyPrefix, stored.Session.Uid), cancellationToken);
            var accessTask = _cache.GetAsync(keys.Access, cancellationToken);
            await Task.WhenAll(tombstoneTask, revocationTask, accessTask).ConfigureAwait(false);

            if (tombstoneTask.Result is not null)
            {
                return SessionCookieRead.NotFound;
            }

            if (ServerSideSessionCache.ParseRevocation(revocationTask.Result) is { } revokedAt
                && stored.Session.CreatedAt.ToUnixTimeMilliseconds() <= revokedAt.ToUnixTimeMilliseconds())
            {
                ServerSideSessionLog.SessionRevokedForUser(_logger, stored.Session.Uid, revokedAt);

                // Deleted now, so that reads, which extend the sliding expiry, cannot keep it alive past the marker.
                await EndAsync(keys, cancellationToken).ConfigureAwait(false);
                return SessionCookieRead.NotFound;
            }

            var session = stored.Session;
            var validatedAt = stored.ValidatedAt;
            if (_protection.TryUnprotectAccess(accessTask.Result, out var lastAccessedAt, out var accessValidatedAt))
            {
                session = session with { LastAccessedAt = Max(session.LastAccessedAt, lastAccessedAt) };
                validatedAt = Max(validatedAt, accessValidatedAt);
            }

            context.Features.Set(new ServerSideSessionFeature(keys, cookieValue, session, validatedAt));
            return SessionCookieRead.Found(new CookieSession(session, validatedAt));
        }
        catch (Exception exception) when (IsStoreFailure(exception, cancellationToken))
        {
            LogReadFailure(exception);
            return SessionCookieRead.Unavailable;
        }
    }

    public async ValueTask<string?> StoreAsync(HttpContext context, Session session, DateTimeOffset validatedAt, bool isNewLogin)
    {
        var read = context.Features.Get<ServerSideSessionFeature>();

        // A login, or a different user written over the session, always gets a new id, so an id known before the login is worthless after it.
        if (isNewLogin || read is null || read.Session.Uid != session.Uid)
        {
            return await CreateAsync(context, session, validatedAt, read).ConfigureAwait(false);
        }

        return ServerSideSessionMerge.HasChanges(read.Session, session)
            ? await UpdateAsync(context, session, validatedAt, read).ConfigureAwait(false)
            : await RefreshAsync(context, session, validatedAt, read).ConfigureAwait(false);
    }

    public async ValueTask RemoveAsync(HttpContext context, string? cookieValue)
    {
        var keys = context.Features.Get<ServerSideSessionFeature>()?.Keys;
        if (keys is null)
        {
            if (cookieValue is null || !_protection.TryUnprotectId(cookieValue, _cache.KeyPrefix, out var parsed))
            {
                return;
            }

            keys = parsed;
        }

        try
        {
            await EndAsync(keys.Value, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsStoreFailure(exception, context.RequestAborted))
        {
            ServerSideSessionLog.DeleteFailed(_logger, exception);
            RespondUnavailable(context);
        }
    }

    private async ValueTask<string?> CreateAsync(HttpContext context, Session session, DateTimeOffset validatedAt, ServerSideSessionFeature? previous)
    {
        var cancellationToken = context.RequestAborted;
        var id = ServerSideSessionProtection.CreateId();
        var keys = ServerSideSessionKeys.ForId(_cache.KeyPrefix, id);
        try
        {
            if (!await _cache.SetPayloadAsync(keys.Payload, _protection.ProtectPayload(keys, session, validatedAt), session, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var previousKeys = previous?.Keys;
            if (previousKeys is null && ChunkedCookies.Read(context.Request.Cookies, _options.Value.EffectiveCookieName) is { } requestCookie
                && _protection.TryUnprotectId(requestCookie, _cache.KeyPrefix, out var parsed))
            {
                previousKeys = parsed;
            }

            if (previousKeys is { } ended)
            {
                await EndAsync(ended, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (IsStoreFailure(exception, cancellationToken))
        {
            ServerSideSessionLog.WriteFailed(_logger, session.Uid, exception);
            RespondUnavailable(context);
            return null;
        }

        return _protection.ProtectId(id);
    }

    private async ValueTask<string?> UpdateAsync(HttpContext context, Session session, DateTimeOffset validatedAt, ServerSideSessionFeature read)
    {
        var cancellationToken = context.RequestAborted;
        var keys = read.Keys;
        try
        {
            var result = _cache.SupportsCompareAndSet
                ? await StoreMergedAtomicallyAsync(session, validatedAt, read, cancellationToken).ConfigureAwait(false)
                : await StoreMergedAsync(session, validatedAt, read, cancellationToken).ConfigureAwait(false);
            if (result is null or PayloadReplaceResult.MaxAgeReached)
            {
                return null;
            }

            if (result == PayloadReplaceResult.Conflict)
            {
                ServerSideSessionLog.WriteConflict(_logger, session.Uid, MaxReplaceAttempts);
                RespondUnavailable(context);
                return read.CookieValue;
            }

            if (await _cache.GetAsync(keys.Tombstone, cancellationToken).ConfigureAwait(false) is not null)
            {
                ServerSideSessionLog.WriteAfterLogoutUndone(_logger, session.Uid);
                await _cache.RemoveAsync(keys.Payload, cancellationToken).ConfigureAwait(false);
                return null;
            }
        }
        catch (Exception exception) when (IsStoreFailure(exception, cancellationToken))
        {
            ServerSideSessionLog.WriteFailed(_logger, session.Uid, exception);
            RespondUnavailable(context);
        }

        return read.CookieValue;
    }

    // Returns null when the session is gone or unreadable.
    private async Task<PayloadReplaceResult?> StoreMergedAsync(Session session, DateTimeOffset validatedAt, ServerSideSessionFeature read, CancellationToken cancellationToken)
    {
        var keys = read.Keys;
        var payload = await _cache.GetPayloadAsync(keys.Payload, cancellationToken).ConfigureAwait(false);
        if (payload is null || !_protection.TryUnprotectPayload(keys, payload, out var current))
        {
            return null;
        }

        // NOTE: a write that lands between this read and the write below is overwritten, because IDistributedCache has no
        // compare-and-set. RedisServerSideSessionCache closes that window.
        var merged = ServerSideSessionMerge.Merge(read.Session, session, current.Session);
        var mergedValidatedAt = Max(validatedAt, current.ValidatedAt);
        return await _cache.SetPayloadAsync(keys.Payload, _protection.ProtectPayload(keys, merged, mergedValidatedAt), merged, cancellationToken).ConfigureAwait(false)
            ? PayloadReplaceResult.Replaced
            : PayloadReplaceResult.MaxAgeReached;
    }

    // Merges onto the stored version and stores the result only if that version is still stored, else tries again. Each
    // conflict means another change landed, so the attempts run out only when more than MaxReplaceAttempts requests change
    // the session at the same moment. Returns null when the session is gone or unreadable.
    private async Task<PayloadReplaceResult?> StoreMergedAtomicallyAsync(Session session, DateTimeOffset validatedAt, ServerSideSessionFeature read, CancellationToken cancellationToken)
    {
        var keys = read.Keys;
        for (var attempt = 0; attempt < MaxReplaceAttempts; attempt++)
        {
            var payload = await _cache.GetPayloadAsync(keys.Payload, cancellationToken).ConfigureAwait(false);
            if (payload is null || !_protection.TryUnprotectPayload(keys, payload, out var current))
            {
                return null;
            }

            var merged = ServerSideSessionMerge.Merge(read.Session, session, current.Session);
            var value = _protection.ProtectPayload(keys, merged, Max(validatedAt, current.ValidatedAt));
            var result = await _cache.ReplacePayloadAsync(keys.Payload, payload, value, merged, cancellationToken).ConfigureAwait(false);
            if (result != PayloadReplaceResult.Conflict)
            {
                return result;
            }
        }

        return PayloadReplaceResult.Conflict;
    }

    private async ValueTask<string?> RefreshAsync(HttpContext context, Session session, DateTimeOffset validatedAt, ServerSideSessionFeature read)
    {
        var cancellationToken = context.RequestAborted;
        var keys = read.Keys;
        try
        {
            await _cache.SetAccessAsync(keys.Access, _protection.ProtectAccess(session.LastAccessedAt, validatedAt), cancellationToken).ConfigureAwait(false);
            if (await _cache.GetAsync(keys.Tombstone, cancellationToken).ConfigureAwait(false) is not null)
            {
                await _cache.RemoveAsync(keys.Access, cancellationToken).ConfigureAwait(false);
                return null;
            }
        }
        catch (Exception exception) when (IsStoreFailure(exception, cancellationToken))
        {
            // The session itself is unchanged, so the request keeps its response; the next refresh stores the time.
            ServerSideSessionLog.RefreshFailed(_logger, session.Uid, exception);
        }

        return read.CookieValue;
    }

    // The tombstone goes first: a write that lands between the two steps finds it and undoes itself.
    private async Task EndAsync(ServerSideSessionKeys keys, CancellationToken cancellationToken)
    {
        await _cache.SetTombstoneAsync(keys.Tombstone, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(_cache.RemoveAsync(keys.Payload, cancellationToken), _cache.RemoveAsync(keys.Access, cancellationToken)).ConfigureAwait(false);
    }

    // During an outage every request fails the same way: one error with its stack trace per interval, the rest at Debug.
    private void LogReadFailure(Exception exception)
    {
        var now = _cache.TimeProvider.GetTimestamp();
        var last = Interlocked.Read(ref _lastReadFailureLogged);
        if (last != 0 && _cache.TimeProvider.GetElapsedTime(last, now) < ReadFailureLogInterval)
        {
            ServerSideSessionLog.ReadFailedAgain(_logger, exception.GetType().Name + ": " + exception.Message);
            return;
        }

        Interlocked.Exchange(ref _lastReadFailureLogged, now);
        ServerSideSessionLog.ReadFailed(_logger, exception);
    }

    // Runs while the response starts, so the status can still change; the body the handler writes next is kept.
    private static void RespondUnavailable(HttpContext context)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        context.Response.Headers.CacheControl = "no-store";
    }

    private static bool IsStoreFailure(Exception exception, CancellationToken requestAborted) =>
        exception is not OperationCanceledException || !requestAborted.IsCancellationRequested;

    private static DateTimeOffset Max(DateTimeOffset left, DateTimeOffset right) => left > right ? left : right;
}
