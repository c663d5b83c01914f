using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Decrypts session cookies with <see cref="SessionCookieProtector"/> and keeps the results for a short
/// time, so a browser that sends the same cookie with every request pays for Data Protection's
/// decryption and the JSON parse once per <see cref="EntryLifetime"/> instead of on every request.
/// </summary>
/// <remarks>
/// Only values that decrypted successfully are added, so forged cookies cannot fill the cache. The
/// same cookie value always decrypts to the same session, and the cache is emptied when this
/// process's key manager adds or revokes a key, so a cached entry changes no outcome. Idle and
/// absolute age are still checked on every request by the caller.
/// </remarks>
internal sealed class SessionCookieCache
{
    public static readonly TimeSpan EntryLifetime = TimeSpan.FromSeconds(30);

    // An entry for a member of 200 projects keeps about 30 KB (an 8 KB cookie string and the parsed
    // session), so a full cache stays near 30 MB.
    public const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly SessionCookieProtector _protector;
    private readonly TimeProvider _timeProvider;
    private readonly IKeyManager? _keyManager;
    private CancellationToken _keysChanged;
    private int _count;

    public SessionCookieCache(SessionCookieProtector protector, TimeProvider timeProvider, IOptions<AsfQuartOptions> options, IServiceProvider services)
    {
        _protector = protector;
        _timeProvider = timeProvider;

        // In-memory keys are never revoked, and resolving the key manager would set up key storage they do not use.
        _keyManager = options.Value.InMemoryKeys ? null : services.GetService<IKeyManager>();
        _keysChanged = _keyManager?.GetCacheExpirationToken() ?? CancellationToken.None;
    }

    /// <summary>Reads the session of a cookie value from the cache, or decrypts and parses it and caches the result.</summary>
    public bool TryUnprotect(string value, out CookieSession cookieSession)
    {
        var keysChanged = CurrentKeysChangedToken();
        if (_entries.TryGetValue(value, out var entry) && _timeProvider.GetUtcNow() < entry.ExpiresAt)
        {
            cookieSession = entry.CookieSession;
            return true;
        }

        if (!_protector.TryUnprotect(value, out cookieSession))
        {
            return false;
        }

        // A key added or revoked during the decryption could have made this result stale.
        if (!keysChanged.IsCancellationRequested)
        {
            Add(value, cookieSession);
        }

        return true;
    }

    private CancellationToken CurrentKeysChangedToken()
    {
        var keysChanged = _keysChanged;
        if (keysChanged.IsCancellationRequested)
        {
            keysChanged = _keysChanged = _keyManager!.GetCacheExpirationToken();
            Clear();
        }

        return keysChanged;
    }

    private void Add(string value, CookieSession cookieSession)
    {
        var entry = new Entry(cookieSession, _timeProvider.GetUtcNow() + EntryLifetime);
        if (_entries.TryGetValue(value, out var existing))
        {
            _entries.TryUpdate(value, entry, existing);
            return;
        }

        if (!_entries.TryAdd(value, entry))
        {
            return;
        }

        // Emptying a full cache keeps it bounded without tracking use, at the cost of one decryption per active user.
        if (Interlocked.Increment(ref _count) > MaxEntries)
        {
            Clear();
        }
    }

    private void Clear()
    {
        _entries.Clear();
        Interlocked.Exchange(ref _count, 0);
    }

    private sealed record Entry(CookieSession CookieSession, DateTimeOffset ExpiresAt);
}
