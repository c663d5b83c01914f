using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Revokes JWT personal access tokens by their <c>jti</c> claim before they expire. The list lives in
/// the application's <see cref="IDistributedCache"/>, so with a shared cache such as Redis a
/// revocation holds on every instance; with the in-memory default it holds on this instance only.
/// </summary>
public sealed class JwtRevocationList
{
    private const string KeyPrefix = "asfquart:jwt-revoked:";
    private static readonly byte[] Revoked = [1];

    private readonly IDistributedCache _cache;
    private readonly JwtTokenOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<JwtRevocationList> _logger;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="cache">The cache that keeps the revoked token ids.</param>
    /// <param name="options">The JWT options; their clock skew extends each entry.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public JwtRevocationList(IDistributedCache cache, IOptions<JwtTokenOptions> options, TimeProvider timeProvider, ILogger<JwtRevocationList> logger)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        _cache = cache;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;

        if (cache is MemoryDistributedCache)
        {
            JwtLog.RevocationsInMemory(logger);
        }
    }

    /// <summary>
    /// Revokes a token. The entry is kept until the token would be rejected as expired anyway
    /// (its expiry plus the clock skew), so the list does not grow without bound.
    /// </summary>
    /// <param name="tokenId">The <c>jti</c> of the token.</param>
    /// <param name="expiresAt">The <c>exp</c> of the token.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the revocation is stored.</returns>
    /// <exception cref="AuthenticationUnavailableException">The cache cannot be reached.</exception>
    public async Task RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);

        var keepFor = expiresAt + _options.ClockSkew - _timeProvider.GetUtcNow();
        if (keepFor <= TimeSpan.Zero)
        {
            return;
        }

        var entry = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = keepFor };
        try
        {
            await _cache.SetAsync(KeyPrefix + tokenId, Revoked, entry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new AuthenticationUnavailableException("The token revocation list could not be written.", exception);
        }

        JwtLog.TokenRevoked(_logger, tokenId, expiresAt);
    }

    /// <summary>Determines whether a token is revoked.</summary>
    /// <param name="tokenId">The <c>jti</c> of the token.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> if the token is revoked.</returns>
    /// <exception cref="AuthenticationUnavailableException">The cache cannot be reached; the request then gets 503.</exception>
    public async Task<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);

        try
        {
            return await _cache.GetAsync(KeyPrefix + tokenId, cancellationToken).ConfigureAwait(false) is not null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new AuthenticationUnavailableException("The token revocation list could not be read.", exception);
        }
    }
}
