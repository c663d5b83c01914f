using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace AsfQuart;

/// <summary>
/// Builds the absolute callback URL of the OAuth endpoint from the request, which behind a reverse
/// proxy carries the public scheme and host once <c>UseForwardedHeaders</c> has run.
/// </summary>
internal static class OAuthCallbackUrl
{
    /// <summary>
    /// Builds the URL of this endpoint without a query. Outside development the scheme is always
    /// https, so the code never travels over plain http, even when a proxy forwards no scheme.
    /// </summary>
    public static string Build(HttpRequest request, bool allowHttp)
    {
        var scheme = allowHttp ? request.Scheme : Uri.UriSchemeHttps;
        return UriHelper.BuildAbsolute(scheme, request.Host, request.PathBase, request.Path);
    }
}
