using Microsoft.Extensions.Caching.Distributed;

namespace AsfQuart.Tests.OAuth.Infrastructure;

/// <summary>An <see cref="IDistributedCache"/> whose every call fails, like a Redis server that cannot be reached.</summary>
public sealed class UnreachableDistributedCache : IDistributedCache
{
    public byte[]? Get(string key) => throw Unreachable();

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => throw Unreachable();

    public void Refresh(string key) => throw Unreachable();

    public Task RefreshAsync(string key, CancellationToken token = default) => throw Unreachable();

    public void Remove(string key) => throw Unreachable();

    public Task RemoveAsync(string key, CancellationToken token = default) => throw Unreachable();

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw Unreachable();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => throw Unreachable();

    private static IOException Unreachable() => new("The cache server at 127.0.0.1:1 cannot be reached.");
}
