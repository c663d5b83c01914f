using System.Net;
using Microsoft.AspNetCore.Http;

namespace AsfQuart;

/// <summary>Writes the responses of the OAuth endpoint. None is cached, and none echoes a code or state.</summary>
internal static class OAuthResponses
{
    public static Task WriteTextAsync(HttpContext context, int statusCode, string message)
    {
        SetNoStore(context.Response);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }

    public static Task WriteRedirectAsync(HttpContext context, string location, int statusCode = StatusCodes.Status302Found)
    {
        SetNoStore(context.Response);
        context.Response.StatusCode = statusCode;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sends the browser to <paramref name="target"/> with a <c>Refresh</c> header and a link. A 302
    /// here would leave the site of the provider's redirect as the initiator, so the browser would not
    /// send the new <c>SameSite=Strict</c> session cookie with the next request.
    /// </summary>
    public static Task WriteRefreshAsync(HttpContext context, string target)
    {
        var response = context.Response;
        SetNoStore(response);
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers["Refresh"] = "0; url=" + target;

        // The callback URL contains the code, so it must not reach the Referer of the next request.
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.ContentType = "text/html; charset=utf-8";
        var link = WebUtility.HtmlEncode(target);
        return response.WriteAsync(
            $"<!doctype html><meta charset=\"utf-8\"><title>Logged in</title><p>You are logged in. <a href=\"{link}\">Continue</a></p>\n",
            context.RequestAborted);
    }

    public static void SetNoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}
