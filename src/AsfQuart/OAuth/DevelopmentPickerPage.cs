using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>Serves the identity picker of the development provider: one link per configured identity, each to the callback.</summary>
internal sealed class DevelopmentPickerPage(IOptions<AsfOAuthOptions> options)
{
    public Task HandleAsync(HttpContext context, string endpointPath)
    {
        var state = context.Request.Query["state"].ToString();
        if (!OAuthRandom.HasValueShape(state))
        {
            return OAuthResponses.WriteTextAsync(context, StatusCodes.Status400BadRequest, "The picker needs the state of a started login. Open the login endpoint with ?login to start one.");
        }

        var callback = context.Request.PathBase.Add(new PathString(endpointPath)).ToUriComponent();
        var html = new StringBuilder();
        html.Append("<!doctype html><meta charset=\"utf-8\"><title>Development login</title>");
        html.Append("<h1>Development login</h1><p>Pick the identity to log in as. This page exists only in the Development environment.</p><ul>");
        foreach (var identity in options.Value.Development.Identities)
        {
            var href = callback + "?code=" + Uri.EscapeDataString(identity.Uid) + "&state=" + Uri.EscapeDataString(state);
            html.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(href)).Append("\">")
                .Append(WebUtility.HtmlEncode(identity.Uid)).Append("</a>");
            if (!string.IsNullOrEmpty(identity.FullName))
            {
                html.Append(" (").Append(WebUtility.HtmlEncode(identity.FullName)).Append(')');
            }

            html.Append(Describe(identity)).Append("</li>");
        }

        html.Append("</ul>\n");
        OAuthResponses.SetNoStore(context.Response);
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html.ToString(), context.RequestAborted);
    }

    private static string Describe(DevelopmentIdentity identity)
    {
        var roles = new List<string>();
        if (identity.IsMember)
        {
            roles.Add("member");
        }

        if (identity.IsChair)
        {
            roles.Add("chair");
        }

        if (identity.IsRoot)
        {
            roles.Add("root");
        }

        if (identity.Committees.Count > 0)
        {
            roles.Add("committees: " + string.Join(", ", identity.Committees));
        }

        return roles.Count == 0 ? "" : WebUtility.HtmlEncode(" — " + string.Join("; ", roles));
    }
}
