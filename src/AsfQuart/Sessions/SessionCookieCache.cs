using System.Collections.Concurrent;

namespace AsfQuart;

/// <summary>
/// Keeps recently decrypted session cookies for a short time, so a browser that sends the same cookie
/// with every request pays for Data Protection's decryption and the JSON parse once per
/// <see cref="EntryLifetime"/> instead of on every request.
/// </summary>
/// <remarks>
/// Only values that decrypted successfully are added, so forged cookies cannot fill the cache. The
/// same cookie value always decrypts to the same session, so a cached entry changes nothing except
/// that a Data Protection key revoked in this process stops cookies already in the cache only after
/// <see cref="EntryLifetime"/>. Idle and absolute age are still checked on every request by the caller.
/// </remarks>
internal sealed class SessionCookieCache(TimeProvider timeProvider)
{
    public static readonly TimeSpan EntryLifetime = TimeSpan.FromSeconds(30);

    // An entry for a member of 200 projects keeps about 30 KB (an 8 KB cookie string and the parsed
    // session), so a full cache stays near 30 MB.
    public const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _count;

    public bool TryGet(string value, out CookieSession cookieSession)
    {
        if (_entries.TryGetValue(value, out var entry) && timeProvider.GetUtcNow() < entry.ExpiresAt)
        {
            cookieSession = entry.CookieSession;
            return true;
        }

        cookieSession = default;
        return false;
    }

    public void Add(string value, CookieSession cookieSession)
    {
        var entry = new Entry(cookieSession, timeProvider.GetUtcNow() + EntryLifetime);
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
            _entries.Clear();
            Interlocked.Exchange(ref _count, 0);
        }
    }

    private sealed record Entry(CookieSession CookieSession, DateTimeOffset ExpiresAt);
}
