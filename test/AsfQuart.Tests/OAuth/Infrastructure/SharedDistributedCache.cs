using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;

namespace AsfQuart.Tests.OAuth.Infrastructure;

/// <summary>
/// An <see cref="IDistributedCache"/> that several test applications share, standing in for Redis
/// between instances; it records the options of every entry it stores.
/// </summary>
public sealed class SharedDistributedCache : IDistributedCache
{
    private readonly ConcurrentDictionary<string, byte[]> _entries = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, DistributedCacheEntryOptions> EntryOptions { get; } = new(StringComparer.Ordinal);

    public ICollection<string> Keys => _entries.Keys;

    public byte[]? Get(string key) => _entries.TryGetValue(key, out var value) ? value : null;

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult(Get(key));

    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => _entries.TryRemove(key, out _);

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        _entries[key] = value;
        EntryOptions[key] = options;
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        Set(key, value, options);
        return Task.CompletedTask;
    }
}
