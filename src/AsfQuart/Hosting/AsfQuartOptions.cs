using Microsoft.AspNetCore.Http;

namespace AsfQuart;

/// <summary>
/// Configures sessions, tokens and the login redirect of AsfQuart. Bound from the <c>AsfQuart</c>
/// configuration section, then from the delegate given to <c>AddAsfQuart</c>, and validated at start-up.
/// </summary>
public sealed class AsfQuartOptions
{
    /// <summary>The name of the configuration section that options are bound from.</summary>
    public const string SectionName = "AsfQuart";

    /// <summary>
    /// Gets or sets the application id. It names the session cookie and is part of the Data
    /// Protection purpose, so the cookie of one application cannot be read by another. Required.
    /// </summary>
    public string AppId { get; set; } = "";

    /// <summary>
    /// Gets or sets the name of the session cookie. Defaults to <c>__Host-</c> followed by the
    /// application id; the prefix makes browsers reject the cookie unless it is <c>Secure</c>, has
    /// <c>Path=/</c> and no <c>Domain</c>.
    /// </summary>
    public string? CookieName { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the session cookie is marked <c>Secure</c>. Defaults to
    /// <see langword="true"/>; browsers treat <c>http://localhost</c> and <c>http://127.0.0.1</c> as
    /// secure, so this also works in development.
    /// </summary>
    public bool SecureCookie { get; set; } = true;

    /// <summary>Gets or sets the <c>SameSite</c> attribute of the session cookie. Defaults to <see cref="SameSiteMode.Strict"/>.</summary>
    public SameSiteMode CookieSameSite { get; set; } = SameSiteMode.Strict;

    /// <summary>
    /// Gets or sets the largest number of characters in one <c>Set-Cookie</c> header value, attributes
    /// included, before the session is split into chunks. Defaults to 4050, below the 4096 bytes that
    /// every common browser keeps for a cookie.
    /// </summary>
    public int CookieChunkSize { get; set; } = 4050;

    /// <summary>
    /// Gets or sets how long a cookie session stays valid without a request that uses it. Defaults
    /// to 7 days. An endpoint or a single read can ask for a shorter one.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Gets or sets how long a cookie session stays valid after its login, however active it is.
    /// <see langword="null"/> (the default) sets no limit.
    /// </summary>
    public TimeSpan? MaxSessionAge { get; set; }

    /// <summary>
    /// Gets or sets how old the last-access time in a cookie may become before a request that only
    /// reads the session writes a fresh cookie. Defaults to 5 minutes, so the idle timeout is
    /// measured to within that interval and most reads set no cookie.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets how often a cookie session is passed to the session validators
    /// (<see cref="ValidateSession"/> and every registered <see cref="ISessionValidator"/>). Defaults to 5 minutes.
    /// </summary>
    public TimeSpan ValidationInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets a callback that accepts, replaces or rejects a cookie session, called once per
    /// <see cref="ValidationInterval"/> for each session (concurrent requests that find it due may each
    /// call it). A rejected session is cleared.
    /// </summary>
    public Func<SessionValidationContext, ValueTask>? ValidateSession { get; set; }

    /// <summary>
    /// Gets or sets the personal access token handler: it receives the token of an
    /// <c>Authorization: Bearer</c> header and returns the session of its owner, or
    /// <see langword="null"/> when the token is unknown. An <see cref="ITokenHandler"/> service
    /// registered in the container takes its place when this is <see langword="null"/>.
    /// </summary>
    public Func<string, CancellationToken, ValueTask<Session?>>? TokenHandler { get; set; }

    /// <summary>
    /// Gets or sets how long the token handler or the Basic authenticator may take before the request
    /// gets 503 Service Unavailable. Defaults to 10 seconds.
    /// </summary>
    public TimeSpan AuthenticationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets a value indicating whether a browser navigation without a session is redirected
    /// to <see cref="LoginPath"/>. Defaults to <see langword="true"/>; when off it gets 401 like any other request.
    /// </summary>
    public bool LoginRedirect { get; set; } = true;

    /// <summary>
    /// Gets or sets the path of the login endpoint; a browser navigation without a session is
    /// redirected to it with <c>?login=</c> and the escaped path and query it asked for. Defaults to <c>/auth</c>.
    /// </summary>
    public string LoginPath { get; set; } = "/auth";

    /// <summary>
    /// Gets or sets the folder that keeps the Data Protection keys, when the application has configured
    /// no other key repository. Relative paths are relative to the content root. Defaults to <c>asfquart-keys</c>.
    /// </summary>
    public string KeyDirectory { get; set; } = "asfquart-keys";

    /// <summary>
    /// Gets or sets a value indicating whether session keys live in memory only. Every restart then
    /// invalidates every session; meant for tests and throwaway development servers.
    /// </summary>
    public bool InMemoryKeys { get; set; }

    /// <summary>Sets a synchronous personal access token handler.</summary>
    /// <param name="handler">Returns the session of the token's owner, or <see langword="null"/> for an unknown token.</param>
    public void UseTokenHandler(Func<string, Session?> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);

        TokenHandler = (token, _) => ValueTask.FromResult(handler(token));
    }

    /// <summary>Sets an asynchronous personal access token handler.</summary>
    /// <param name="handler">Returns the session of the token's owner, or <see langword="null"/> for an unknown token.</param>
    public void UseTokenHandler(Func<string, CancellationToken, Task<Session?>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);

        TokenHandler = async (token, cancellationToken) => await handler(token, cancellationToken).ConfigureAwait(false);
    }

    internal string EffectiveCookieName => CookieName ?? "__Host-" + AppId;
}
