using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Keeps started logins in this process, at most <see cref="AsfOAuthOptions.MaxPendingLogins"/> of
/// them, so a flood of login requests cannot grow memory without bound. When the store is full,
/// expired logins go first, then the oldest one.
/// </summary>
internal sealed class InMemoryPendingLoginStore(
    IOptions<AsfOAuthOptions> options,
    TimeProvider timeProvider,
    ILogger<InMemoryPendingLoginStore> logger) : IPendingLoginStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _byAge = new();
    private long _evicted;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public ValueTask AddAsync(string state, PendingLogin login, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var key = PendingLoginKeys.Hash(state);
        var expiresAt = timeProvider.GetUtcNow() + lifetime;
        var maxEntries = options.Value.MaxPendingLogins;
        long evictedSoFar = 0;

        lock (_lock)
        {
            RemoveExpired();
            while (_entries.Count >= maxEntries && _byAge.First is { } oldest)
            {
                Remove(oldest);
                evictedSoFar = ++_evicted;
            }

            _entries[key] = _byAge.AddLast(new Entry(key, login, expiresAt));
        }

        // One warning per thousand dropped logins keeps a flood from flooding the log too.
        if (evictedSoFar % 1000 == 1)
        {
            Log.PendingLoginsFull(logger, maxEntries, evictedSoFar);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<PendingLogin?> TakeAsync(string state, CancellationToken cancellationToken)
    {
        var key = PendingLoginKeys.Hash(state);
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return ValueTask.FromResult<PendingLogin?>(null);
            }

            Remove(node);
            var login = node.Value.ExpiresAt > timeProvider.GetUtcNow() ? node.Value.Login : null;
            return ValueTask.FromResult(login);
        }
    }

    private void RemoveExpired()
    {
        var now = timeProvider.GetUtcNow();

        // Entries share one lifetime, so they expire in the order they were added.
        while (_byAge.First is { } oldest && oldest.Value.ExpiresAt <= now)
        {
            Remove(oldest);
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _entries.Remove(node.Value.Key);
        _byAge.Remove(node);
    }

    private sealed record Entry(string Key, PendingLogin Login, DateTimeOffset ExpiresAt);
}
