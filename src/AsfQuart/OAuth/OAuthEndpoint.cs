using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AsfQuart;

/// <summary>
/// Handles every request to the OAuth endpoint, choosing by query: <c>?login</c> starts a login,
/// <c>?code</c> and <c>?state</c> (or <c>?error</c>) finish one, <c>?logout</c> ends the session,
/// and a bare request returns the current session.
/// </summary>
internal sealed class OAuthEndpoint(OAuthLoginFlow loginFlow, OAuthLogout logout, ILogger<OAuthEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && IsCrossSite(request))
        {
            Log.CrossSitePostRejected(logger);
            await OAuthResponses.WriteTextAsync(context, StatusCodes.Status403Forbidden, "Cross-site requests to the login endpoint are not allowed.").ConfigureAwait(false);
            return;
        }

        var query = request.Query;
        if (query.ContainsKey("state") && (query.ContainsKey("code") || query.ContainsKey("error")))
        {
            await loginFlow.FinishAsync(context).ConfigureAwait(false);
        }
        else if (query.ContainsKey("login"))
        {
            await loginFlow.StartAsync(context).ConfigureAwait(false);
        }
        else if (query.ContainsKey("logout"))
        {
            await logout.HandleAsync(context).ConfigureAwait(false);
        }
        else
        {
            await WriteCurrentSessionAsync(context).ConfigureAwait(false);
        }
    }

    private static async Task WriteCurrentSessionAsync(HttpContext context)
    {
        var session = await context.ReadAsfSessionAsync().ConfigureAwait(false);
        if (session is null)
        {
            await OAuthResponses.WriteTextAsync(context, StatusCodes.Status404NotFound, "There is no session.").ConfigureAwait(false);
            return;
        }

        OAuthResponses.SetNoStore(context.Response);
        await TypedResults.Json(session).ExecuteAsync(context).ConfigureAwait(false);
    }

    // Current browsers send Sec-Fetch-Site with every request. A client that sends none is not such a
    // browser, so another site cannot drive it, and the request passes.
    private static bool IsCrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length > 0 && site is not ("same-origin" or "same-site" or "none");
    }
}
