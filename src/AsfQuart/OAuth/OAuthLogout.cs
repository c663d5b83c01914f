using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Ends the session for <c>?logout</c>. It deletes the session cookie, sends <c>Clear-Site-Data</c>,
/// and responds with 200 and text (GET), 204 (POST), or a redirect to the local path given as
/// <c>?logout=/path</c>.
/// </summary>
internal sealed class OAuthLogout(
    IOptionsMonitor<AsfQuartOptions> sessionOptions,
    IOptions<AsfOAuthOptions> options,
    ILogger<OAuthLogout> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var targets = context.Request.Query["logout"];
        var target = targets.ToString();
        if (targets.Count > 1 || (target.Length > 0 && !LocalRedirectTarget.IsLocal(target)))
        {
            Log.RedirectTargetRejected(logger, target.Length);
            await OAuthResponses.WriteTextAsync(context, StatusCodes.Status400BadRequest, OAuthMessages.InvalidTarget).ConfigureAwait(false);
            return;
        }

        var session = await context.ReadAsfSessionAsync().ConfigureAwait(false);
        context.ClearAsfSession();
        BrowserBindingCookie.Delete(context, sessionOptions.CurrentValue);
        if (options.Value.ClearSiteData.Length > 0)
        {
            context.Response.Headers["Clear-Site-Data"] = options.Value.ClearSiteData;
        }

        Log.LoggedOut(logger, session?.Uid);

        if (target.Length > 0)
        {
            var status = HttpMethods.IsPost(context.Request.Method) ? StatusCodes.Status303SeeOther : StatusCodes.Status302Found;
            await OAuthResponses.WriteRedirectAsync(context, target, status).ConfigureAwait(false);
        }
        else if (HttpMethods.IsPost(context.Request.Method))
        {
            OAuthResponses.SetNoStore(context.Response);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        else
        {
            await OAuthResponses.WriteTextAsync(context, StatusCodes.Status200OK, "You are logged out.").ConfigureAwait(false);
        }
    }
}
