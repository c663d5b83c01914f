using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Starts a login (new state, browser binding, redirect to the provider) and finishes it on the
/// callback (state taken once, binding checked, code exchanged, fresh session signed in).
/// </summary>
internal sealed class OAuthLoginFlow(
    IOAuthProvider provider,
    IPendingLoginStore store,
    IOptions<AsfOAuthOptions> options,
    IOptionsMonitor<AsfQuartOptions> sessionOptions,
    IHostEnvironment environment,
    TimeProvider timeProvider,
    ILogger<OAuthLoginFlow> logger)
{
    // Longer values than these are not from a provider, so they are rejected before any lookup.
    private const int MaxStateLength = 256;
    private const int MaxCodeLength = 4096;

    public async Task StartAsync(HttpContext context)
    {
        var targets = context.Request.Query["login"];
        var target = targets.ToString();
        if (targets.Count > 1)
        {
            Log.RedirectTargetRejected(logger, target.Length);
            await OAuthResponses.WriteTextAsync(context, StatusCodes.Status400BadRequest, OAuthMessages.InvalidTarget).ConfigureAwait(false);
            return;
        }

        if (target.Length == 0)
        {
            target = context.Request.PathBase.HasValue ? context.Request.PathBase.Value! : "/";
        }
        else if (!LocalRedirectTarget.IsLocal(target))
        {
            Log.RedirectTargetRejected(logger, target.Length);
            await OAuthResponses.WriteTextAsync(context, StatusCodes.Status400BadRequest, OAuthMessages.InvalidTarget).ConfigureAwait(false);
            return;
        }

        if (!context.Request.Host.HasValue)
        {
            await OAuthResponses.WriteTextAsync(context, StatusCodes.Status400BadRequest, "The request has no Host header, so no callback URL can be built.").ConfigureAwait(false);
            return;
        }

        var lifetime = options.Value.StateLifetime;
        var state = OAuthRandom.CreateValue();
        var codeVerifier = OAuthRandom.CreateValue();
        var nonce = OAuthRandom.CreateValue();
        var redirectUri = OAuthCallbackUrl.Build(context.Request, allowHttp: environment.IsDevelopment());
        var binding = BrowserBindingCookie.Issue(context, sessionOptions.CurrentValue, lifetime);

        var login = new PendingLogin(target, redirectUri, nonce, codeVerifier, BrowserBindingCookie.Hash(binding), timeProvider.GetUtcNow());
        if (!await TryStoreAsync(() => store.AddAsync(state, login, lifetime, context.RequestAborted), context).ConfigureAwait(false))
        {
            return;
        }

        var start = new OAuthLoginStart(state, redirectUri, nonce, OAuthRandom.CreateCodeChallenge(codeVerifier));
        var (authorizationUrl, failure) = await CallProviderAsync(
            cancellationToken => provider.CreateAuthorizationUrlAsync(start, cancellationToken), context.RequestAborted).ConfigureAwait(false);
        if (authorizationUrl is null)
        {
            await OAuthResponses.WriteTextAsync(context, failure!.StatusCode, failure.Message!).ConfigureAwait(false);
            return;
        }

        Log.LoginStarted(logger, target.Length);
        await OAuthResponses.WriteRedirectAsync(context, authorizationUrl).ConfigureAwait(false);
    }

    public async Task FinishAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var state = query["state"].ToString();
        var code = query["code"].ToString();
        var lifetime = options.Value.StateLifetime;

        PendingLogin? login = null;
        if (state.Length is > 0 and <= MaxStateLength
            && !await TryStoreAsync(async () => login = await store.TakeAsync(state, context.RequestAborted).ConfigureAwait(false), context).ConfigureAwait(false))
        {
            return;
        }

        if (login is null || timeProvider.GetUtcNow() - login.CreatedAt > lifetime)
        {
            Log.StateInvalid(logger);
            await OAuthResponses.WriteTextAsync(context, StatusCodes.Status403Forbidden, OAuthMessages.InvalidState(lifetime)).ConfigureAwait(false);
            return;
        }

        var settings = sessionOptions.CurrentValue;
        if (!BrowserBindingCookie.Matches(context, settings, login.BrowserBinding))
        {
            Log.BrowserBindingMismatch(logger);
            await OAuthResponses.WriteTextAsync(context, StatusCodes.Status403Forbidden, OAuthMessages.OtherBrowser).ConfigureAwait(false);
            return;
        }

        if (query.ContainsKey("error") || code.Length is 0 or > MaxCodeLength)
        {
            Log.ProviderReturnedNoCode(logger);
            await OAuthResponses.WriteTextAsync(context, StatusCodes.Status403Forbidden, "The identity provider did not complete the login. Start the login again.").ConfigureAwait(false);
            return;
        }

        var callback = new OAuthCallback(code, login.RedirectUri, login.Nonce, login.CodeVerifier);
        var (result, failure) = await CallProviderAsync(
            cancellationToken => provider.ExchangeCodeAsync(callback, cancellationToken), context.RequestAborted).ConfigureAwait(false);
        if (failure is null && result!.Session is null)
        {
            Log.ProviderRejected(logger, result.StatusCode, result.Message);
        }

        result ??= failure!;
        if (result.Session is not { } session)
        {
            await OAuthResponses.WriteTextAsync(context, result.StatusCode, result.Message ?? OAuthMessages.ProviderFailed).ConfigureAwait(false);
            return;
        }

        // A provider can send more projects or a longer uid than a cookie holds, which is no reason for a 500.
        try
        {
            context.SignInAsfSession(session);
        }
        catch (InvalidOperationException) when (!context.Response.HasStarted)
        {
            Log.SessionTooLarge(logger, session.Uid.Length, session.Committees.Length, session.Projects.Length);
            await OAuthResponses.WriteTextAsync(context, StatusCodes.Status502BadGateway, "The identity provider returned a session too large for a cookie. Ask an administrator to check the provider's account data.").ConfigureAwait(false);
            return;
        }

        BrowserBindingCookie.Delete(context, settings);
        Log.LoggedIn(logger, session.Uid);
        await OAuthResponses.WriteRefreshAsync(context, login.Target).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs an operation of the pending login store. When the store fails, for example a distributed
    /// cache that cannot be reached, it logs the error and responds with 503, so the user gets no 500.
    /// </summary>
    private async Task<bool> TryStoreAsync(Func<ValueTask> operation, HttpContext context)
    {
        try
        {
            await operation().ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            Log.PendingLoginStoreFailed(logger, exception);
            await OAuthResponses.WriteTextAsync(context, StatusCodes.Status503ServiceUnavailable, "The login service is unavailable. Try again later.").ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>
    /// Calls the provider within <see cref="AsfOAuthOptions.ProviderTimeout"/>, turning a timeout or any
    /// failure of the call into a 502 result, so a broken provider never causes a 500.
    /// </summary>
    private async Task<(T? Value, OAuthLoginResult? Failure)> CallProviderAsync<T>(
        Func<CancellationToken, ValueTask<T>> call, CancellationToken requestAborted)
        where T : class
    {
        var timeout = options.Value.ProviderTimeout;
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, timeoutSource.Token);
        try
        {
            return (await call(linked.Token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            // Either the provider timeout passed, or HttpClient.Timeout did, which is the same limit on the system clock.
            Log.ProviderTimedOut(logger, timeout);
            return (null, OAuthLoginResult.ProviderFailed(OAuthMessages.ProviderTimedOut));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.ProviderFailed(logger, exception);
            return (null, OAuthLoginResult.ProviderFailed(OAuthMessages.ProviderFailed));
        }
    }
}
