using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Keeps sessions in <c>IDistributedCache</c> and puts only a random session id, protected with Data
/// Protection, in the cookie. Logging out deletes the stored session, so a copied cookie stops
/// working on every instance at once.
/// </summary>
/// <remarks>
/// <para>Each session has up to three entries, named by <see cref="ServerSideSessionKeys"/>: the
/// encrypted session (sliding expiry of the idle timeout, absolute expiry at the maximum age), the
/// encrypted last-access time that read-only requests refresh, and a tombstone written at logout.</para>
/// <para>The rule for concurrent requests of one session, which <c>IDistributedCache</c> allows without
/// compare-and-set:</para>
/// <list type="bullet">
/// <item>A logout writes the tombstone before it deletes the session. Every write checks the tombstone
/// after it stores, and deletes what it stored when the tombstone exists; every read checks it after
/// reading the session. So a request that raced a logout never brings the session back.</item>
/// <item>A request that only reads never writes the session itself, only the last-access entry, so it
/// cannot overwrite another request's change.</item>
/// <item>A request that changes the session reads the stored version again when the response starts
/// and applies its own change to it field by field (<see cref="ServerSideSessionMerge"/>). Two changes
/// are lost only when both commit within one cache round trip of each other; then the later one wins.</item>
/// </list>
/// </remarks>
internal sealed class ServerSideSessionStore : ISessionCookieStore
{
    private const string IdPurpose = "AsfQuart.ServerSideSession.Id.v1";
    private const string PayloadPurpose = "AsfQuart.ServerSideSession.Payload.v1";
    private const string AccessPurpose = "AsfQuart.ServerSideSession.Access.v1";
    private const int IdBytes = 32;

    // A protected 32-byte id is about 150 characters; anything much longer is not ours.
    private const int MaxCookieLength = 1024;

    private readonly ServerSideSessionCache _cache;
    private readonly IDataProtector _idProtector;
    private readonly IDataProtector _payloadRoot;
    private readonly IDataProtector _accessProtector;
    private readonly IOptions<AsfQuartOptions> _options;
    private readonly ILogger<ServerSideSessionStore> _logger;

    public ServerSideSessionStore(
        ServerSideSessionCache cache,
        SessionDataProtection dataProtection,
        IOptions<AsfQuartOptions> options,
        ILogger<ServerSideSessionStore> logger)
    {
        _cache = cache;
        _options = options;
        _logger = logger;
        _idProtector = dataProtection.Provider.CreateProtector(IdPurpose, options.Value.AppId);
        _payloadRoot = dataProtection.Provider.CreateProtector(PayloadPurpose, options.Value.AppId);
        _accessProtector = dataProtection.Provider.CreateProtector(AccessPurpose, options.Value.AppId);
    }

    public string? Protect(Session session, DateTimeOffset validatedAt) => null;

    public async ValueTask<SessionCookieRead> RetrieveAsync(HttpContext context, string cookieValue)
    {
        if (!TryUnprotectId(cookieValue, out var keys))
        {
            return SessionCookieRead.NotFound;
        }

        var cancellationToken = context.RequestAborted;
        try
        {
            var payload = await _cache.GetAsync(keys.Payload, cancellationToken).ConfigureAwait(false);
            if (payload is null)
            {
                return SessionCookieRead.NotFound;
            }

            if (!CreatePayloadProtector(keys).TryUnprotect(Encoding.ASCII.GetString(payload), out var stored))
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
            if (TryReadAccess(accessTask.Result, out var lastAccessedAt, out var accessValidatedAt))
            {
                session = session with { LastAccessedAt = Max(session.LastAccessedAt, lastAccessedAt) };
                validatedAt = Max(validatedAt, accessValidatedAt);
            }

            context.Features.Set(new ServerSideSessionFeature(keys, cookieValue, session, validatedAt));
            return SessionCookieRead.Found(new CookieSession(session, validatedAt));
        }
        catch (Exception exception) when (IsStoreFailure(exception, cancellationToken))
        {
            ServerSideSessionLog.ReadFailed(_logger, exception);
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
            if (cookieValue is null || !TryUnprotectId(cookieValue, out var parsed))
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
        var id = RandomNumberGenerator.GetBytes(IdBytes);
        var keys = ServerSideSessionKeys.ForId(_cache.KeyPrefix, id);
        try
        {
            if (!await _cache.SetPayloadAsync(keys.Payload, ProtectPayload(keys, session, validatedAt), session, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var previousKeys = previous?.Keys;
            if (previousKeys is null && ChunkedCookies.Read(context.Request.Cookies, _options.Value.EffectiveCookieName) is { } requestCookie
                && TryUnprotectId(requestCookie, out var parsed))
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

        return Base64Url.EncodeToString(_idProtector.Protect(id));
    }

    private async ValueTask<string?> UpdateAsync(HttpContext context, Session session, DateTimeOffset validatedAt, ServerSideSessionFeature read)
    {
        var cancellationToken = context.RequestAborted;
        var keys = read.Keys;
        try
        {
            var payload = await _cache.GetAsync(keys.Payload, cancellationToken).ConfigureAwait(false);
            if (payload is null || !CreatePayloadProtector(keys).TryUnprotect(Encoding.ASCII.GetString(payload), out var current))
            {
                return null;
            }

            var merged = ServerSideSessionMerge.Merge(read.Session, session, current.Session);
            var mergedValidatedAt = Max(validatedAt, current.ValidatedAt);
            if (!await _cache.SetPayloadAsync(keys.Payload, ProtectPayload(keys, merged, mergedValidatedAt), merged, cancellationToken).ConfigureAwait(false))
            {
                return null;
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

    private async ValueTask<string?> RefreshAsync(HttpContext context, Session session, DateTimeOffset validatedAt, ServerSideSessionFeature read)
    {
        var cancellationToken = context.RequestAborted;
        var keys = read.Keys;
        try
        {
            await _cache.SetAccessAsync(keys.Access, ProtectAccess(session.LastAccessedAt, validatedAt), cancellationToken).ConfigureAwait(false);
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

    private bool TryUnprotectId(string cookieValue, out ServerSideSessionKeys keys)
    {
        keys = default;
        if (cookieValue.Length is 0 or > MaxCookieLength)
        {
            return false;
        }

        try
        {
            var id = _idProtector.Unprotect(Base64Url.DecodeFromChars(cookieValue));
            if (id.Length != IdBytes)
            {
                return false;
            }

            keys = ServerSideSessionKeys.ForId(_cache.KeyPrefix, id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // The payload is bound to its session id: a stored session copied under another id does not decrypt.
    private SessionCookieProtector CreatePayloadProtector(ServerSideSessionKeys keys) =>
        new(new SessionDataProtection(_payloadRoot.CreateProtector(keys.Payload)), _options);

    private byte[] ProtectPayload(ServerSideSessionKeys keys, Session session, DateTimeOffset validatedAt) =>
        Encoding.ASCII.GetBytes(CreatePayloadProtector(keys).Protect(session, validatedAt));

    private byte[] ProtectAccess(DateTimeOffset lastAccessedAt, DateTimeOffset validatedAt)
    {
        var plain = new byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(plain, lastAccessedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64LittleEndian(plain.AsSpan(8), validatedAt.ToUnixTimeMilliseconds());
        return _accessProtector.Protect(plain);
    }

    private bool TryReadAccess(byte[]? value, out DateTimeOffset lastAccessedAt, out DateTimeOffset validatedAt)
    {
        lastAccessedAt = default;
        validatedAt = default;
        if (value is null)
        {
            return false;
        }

        try
        {
            var plain = _accessProtector.Unprotect(value);
            if (plain.Length != 16)
            {
                return false;
            }

            lastAccessedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(plain));
            validatedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(plain.AsSpan(8)));
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
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
