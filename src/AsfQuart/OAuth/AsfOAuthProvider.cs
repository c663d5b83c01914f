using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Logs users in through the ASF OAuth service: the browser goes to <c>{BaseUrl}/auth-oidc</c>
/// with the state and callback URL, and the server exchanges the code at <c>{BaseUrl}/token-oidc</c>
/// for JSON that becomes the session.
/// </summary>
internal sealed class AsfOAuthProvider(
    IHttpClientFactory httpClientFactory,
    IOptions<AsfOAuthOptions> options,
    ILogger<AsfOAuthProvider> logger) : IOAuthProvider
{
    public ValueTask<string> CreateAuthorizationUrlAsync(OAuthLoginStart login, CancellationToken cancellationToken)
    {
        var asf = options.Value.Asf;
        var url = new Uri(asf.BaseUrl, asf.AuthorizationPath)
            + "?state=" + Uri.EscapeDataString(login.State)
            + "&redirect_uri=" + Uri.EscapeDataString(login.RedirectUri);
        return ValueTask.FromResult(url);
    }

    public async ValueTask<OAuthLoginResult> ExchangeCodeAsync(OAuthCallback callback, CancellationToken cancellationToken)
    {
        var asf = options.Value.Asf;
        var tokenUrl = new Uri(asf.BaseUrl, asf.TokenPath + "?code=" + Uri.EscapeDataString(callback.Code));
        using var request = new HttpRequestMessage(HttpMethod.Get, tokenUrl);

        var (statusCode, body) = await OAuthHttpClient.SendAsync(httpClientFactory, request, asf.TokenPath, logger, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return statusCode is >= 400 and < 500
                ? OAuthLoginResult.Rejected("The identity provider rejected the login code. Start the login again.")
                : OAuthLoginResult.ProviderFailed($"The identity provider returned status {statusCode} for the code exchange. Try again later.");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return ReadSession(document.RootElement);
        }
        catch (JsonException)
        {
            return OAuthLoginResult.ProviderFailed("The identity provider returned a token response that is not valid JSON. Try again later.");
        }
    }

    // The field names are those of oauth.apache.org. The plain /token endpoint sends no "mfa", which reads as false.
    internal static OAuthLoginResult ReadSession(JsonElement json)
    {
        var uid = ProviderJson.ReadString(json, "uid");
        if (string.IsNullOrEmpty(uid))
        {
            return OAuthLoginResult.ProviderFailed("The identity provider returned a token response without a user id (uid). Try again later.");
        }

        var session = new Session
        {
            Uid = uid,
            Dn = ProviderJson.ReadString(json, "dn"),
            FullName = ProviderJson.ReadString(json, "fullname"),
            IsMember = ProviderJson.ReadBoolean(json, "isMember"),
            IsChair = ProviderJson.ReadBoolean(json, "isChair"),
            IsRoot = ProviderJson.ReadBoolean(json, "isRoot"),
            Committees = ProviderJson.ReadList(json, "pmcs"),
            Projects = ProviderJson.ReadList(json, "projects"),
            Mfa = ProviderJson.ReadBoolean(json, "mfa"),
        };

        var email = ProviderJson.ReadString(json, "email");
        return OAuthLoginResult.Success(string.IsNullOrEmpty(email) ? session : session with { Email = email });
    }
}
