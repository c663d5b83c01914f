using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AsfQuart.Benchmarks;

/// <summary>Validating a JWT personal access token, on every request and from a cache.</summary>
public class JwtValidationBenchmarks
{
    private BenchmarkJwt _jwt = null!;
    private MemoryCache _cache = null!;
    private JwtSessionHandler _handler = null!;
    private JsonWebTokenHandler _jsonWebTokenHandler = null!;
    private string _token = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _jwt = new BenchmarkJwt();
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 10_000 });
        _handler = new JwtSessionHandler(_jwt.ValidationParameters, _cache);
        _jsonWebTokenHandler = new JsonWebTokenHandler();
        _token = _jwt.CreateToken(BenchmarkIdentity.Small);

        if (await _handler.AuthenticateAsync(_token, default).ConfigureAwait(false) is not { Uid: "jdoe" })
        {
            throw new InvalidOperationException("The JWT did not validate to the session it was made for.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _cache.Dispose();

    [Benchmark(Baseline = true, Description = "JsonWebTokenHandler.ValidateTokenAsync")]
    public Task<TokenValidationResult> ValidateToken() => _jsonWebTokenHandler.ValidateTokenAsync(_token, _jwt.ValidationParameters);

    [Benchmark(Description = "JWT token handler, cold (validates every call)")]
    public ValueTask<Session?> Cold() => _handler.AuthenticateAsync(_token, default);

    [Benchmark(Description = "JWT token handler, cached")]
    public ValueTask<Session?> Cached() => _handler.AuthenticateCachedAsync(_token, default);
}
