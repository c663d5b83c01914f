using System.Net;
using AsfQuart.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsfQuart.Tests.Jwt;

public sealed class JwtRevocationAndCacheTests
{
    [Fact]
    public async Task Revoked_token_fails_while_cached()
    {
        await using var app = await JwtTestKeys.StartAppAsync(options => options.CacheDuration = TimeSpan.FromHours(1));
        var tokenId = "token-to-revoke";
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), claims: claims => claims["jti"] = tokenId);
        var handler = app.Services.GetRequiredService<JwtTokenHandler>();

        var before = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));
        await app.Services.GetRequiredService<JwtRevocationList>().RevokeAsync(tokenId, app.Time.GetUtcNow() + TimeSpan.FromMinutes(10));
        var after = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains(JwtValidationCache.KeyFor(token), handler.Cache.Keys);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Revocation_reaches_every_instance()
    {
        // Two application instances behind one shared distributed cache, as with Redis in production.
        var shared = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        await using var first = await JwtTestKeys.StartAppAsync(configureServices: services => services.AddSingleton<IDistributedCache>(shared));
        await using var second = await JwtTestKeys.StartAppAsync(configureServices: services => services.AddSingleton<IDistributedCache>(shared));
        var token = JwtTestKeys.CreateToken(first.Time.GetUtcNow(), claims: claims => claims["jti"] = "shared-token");

        var secondBefore = await second.Client.SendAsync(JwtTestKeys.Get("/me", token));
        await first.Services.GetRequiredService<JwtRevocationList>().RevokeAsync("shared-token", first.Time.GetUtcNow() + TimeSpan.FromMinutes(10));
        var firstAfter = await first.Client.SendAsync(JwtTestKeys.Get("/me", token));
        var secondAfter = await second.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.Equal(HttpStatusCode.OK, secondBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, firstAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, secondAfter.StatusCode);
    }

    [Fact]
    public async Task Revocation_of_other_token_changes_nothing()
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), claims: claims => claims["jti"] = "kept");

        await app.Services.GetRequiredService<JwtRevocationList>().RevokeAsync("other", app.Time.GetUtcNow() + TimeSpan.FromMinutes(10));
        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Unreachable_revocation_list_gives_503()
    {
        await using var app = await JwtTestKeys.StartAppAsync(configureServices: services => services.AddSingleton<IDistributedCache, FailingDistributedCache>());
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow());

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task In_memory_revocations_are_logged()
    {
        await using var inMemory = await JwtTestKeys.StartAppAsync();
        await using var shared = await JwtTestKeys.StartAppAsync(configureServices: services => services.AddSingleton<IDistributedCache, FailingDistributedCache>());

        inMemory.Services.GetRequiredService<JwtRevocationList>();
        shared.Services.GetRequiredService<JwtRevocationList>();

        Assert.Contains(inMemory.Logs.GetSnapshot(), record => record.Id.Name == "JwtRevocationsInMemory");
        Assert.DoesNotContain(shared.Logs.GetSnapshot(), record => record.Id.Name == "JwtRevocationsInMemory");
    }

    [Fact]
    public async Task Cache_is_keyed_by_token_hash()
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow());
        var handler = app.Services.GetRequiredService<JwtTokenHandler>();

        var first = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));
        var second = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));
        var keys = handler.Cache.Keys.Select(key => key.ToString()!).ToList();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal([JwtValidationCache.KeyFor(token)], keys);
        Assert.Matches("^[0-9a-f]{64}$", keys[0]);
        Assert.DoesNotContain(keys, key => key.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cache_off_keeps_nothing()
    {
        await using var app = await JwtTestKeys.StartAppAsync(options => options.CacheDuration = TimeSpan.Zero);
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow());

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(app.Services.GetRequiredService<JwtTokenHandler>().Cache.Keys);
    }

    [Fact]
    public async Task Tokens_never_reach_logs()
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var now = app.Time.GetUtcNow();
        var valid = JwtTestKeys.CreateToken(now);
        var expired = JwtTestKeys.CreateToken(now - TimeSpan.FromHours(2));
        var wrongAudience = JwtTestKeys.CreateToken(now, audience: "other-app");
        var revoked = JwtTestKeys.CreateToken(now, claims: claims => claims["jti"] = "revoked-id");
        await app.Services.GetRequiredService<JwtRevocationList>().RevokeAsync("revoked-id", now + TimeSpan.FromMinutes(10));
        var tokens = new[] { valid, expired, wrongAudience, revoked };

        foreach (var token in tokens)
        {
            await app.Client.SendAsync(JwtTestKeys.Get("/me", token));
        }

        var logs = app.Logs.GetSnapshot();
        Assert.NotEmpty(logs);
        foreach (var record in logs)
        {
            var text = record.Message + " " + record.Exception;
            foreach (var token in tokens)
            {
                Assert.DoesNotContain(token, text, StringComparison.Ordinal);
                Assert.DoesNotContain(token.Split('.')[2], text, StringComparison.Ordinal);
            }
        }
    }

    private sealed class FailingDistributedCache : IDistributedCache
    {
        public byte[]? Get(string key) => throw new TimeoutException("The cache request timed out.");

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => throw new TimeoutException("The cache request timed out.");

        public void Refresh(string key) => throw new TimeoutException("The cache request timed out.");

        public Task RefreshAsync(string key, CancellationToken token = default) => throw new TimeoutException("The cache request timed out.");

        public void Remove(string key) => throw new TimeoutException("The cache request timed out.");

        public Task RemoveAsync(string key, CancellationToken token = default) => throw new TimeoutException("The cache request timed out.");

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new TimeoutException("The cache request timed out.");

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => throw new TimeoutException("The cache request timed out.");
    }
}
