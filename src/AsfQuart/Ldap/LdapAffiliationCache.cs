namespace AsfQuart;

/// <summary>
/// Keeps the result of an account lookup per user id for <see cref="LdapOptions.AffiliationCacheDuration"/>.
/// Requests that arrive while a lookup runs wait for it instead of starting their own, so concurrent
/// first requests for one user cause one set of searches. A failed lookup is not kept.
/// </summary>
internal sealed class LdapAffiliationCache(TimeProvider timeProvider)
{
    // An expired entry is replaced on the next request for the same user. Past this many entries, a
    // write also removes every expired one, so users who never return do not pile up.
    private const int SweepThreshold = 1024;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

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

    /// <summary>Returns the cached account of <paramref name="userId"/>, or starts <paramref name="load"/> and caches its result.</summary>
    /// <remarks><paramref name="load"/> is called under a lock, so it must return at once and do its work in the returned task.</remarks>
    public async Task<LdapAccount?> GetOrLoadAsync(string userId, TimeSpan duration, Func<Task<LdapAccount?>> load)
    {
        Task<LdapAccount?> task;
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            if (_entries.TryGetValue(userId, out var entry) && (!entry.Task.IsCompleted || now < entry.ExpiresAt))
            {
                task = entry.Task;
            }
            else
            {
                if (_entries.Count >= SweepThreshold)
                {
                    RemoveExpired(now);
                }

                task = load();
                _entries[userId] = new Entry(task, now + duration);
            }
        }

        try
        {
            return await task.ConfigureAwait(false);
        }
        catch
        {
            Remove(userId, task);
            throw;
        }
    }

    private void Remove(string userId, Task<LdapAccount?> task)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(userId, out var entry) && entry.Task == task)
            {
                _entries.Remove(userId);
            }
        }
    }

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (userId, entry) in _entries.ToList())
        {
            if (entry.Task.IsCompleted && now >= entry.ExpiresAt)
            {
                _entries.Remove(userId);
            }
        }
    }

    private sealed record Entry(Task<LdapAccount?> Task, DateTimeOffset ExpiresAt);
}
