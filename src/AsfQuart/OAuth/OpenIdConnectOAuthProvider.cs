using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AsfQuart;

/// <summary>
/// Logs users in through any OpenID Connect provider: the code flow with PKCE (<c>S256</c>) and a
/// nonce, and an <c>id_token</c> whose signature, issuer, audience, lifetime and nonce are checked
/// against the provider's discovery document and key set before its claims become the session.
/// </summary>
internal sealed class OpenIdConnectOAuthProvider : IOAuthProvider
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptions<AsfOAuthOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<OpenIdConnectOAuthProvider> _logger;
    // A token signed with an unknown key makes the provider fetch the keys again, at most this often,
    // so tokens with made-up key ids cannot make every callback fetch the provider's documents.
    private static readonly TimeSpan KeyRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly JsonWebTokenHandler _tokenHandler = new();
    private readonly Lock _refreshLock = new();
    private ConfigurationManager<OpenIdConnectConfiguration>? _configuration;
    private DateTimeOffset _lastKeyRefresh = DateTimeOffset.MinValue;

    public OpenIdConnectOAuthProvider(
        IHttpClientFactory httpClientFactory,
        IOptions<AsfOAuthOptions> options,
        TimeProvider timeProvider,
        ILogger<OpenIdConnectOAuthProvider> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    private OpenIdConnectProviderOptions Settings => _options.Value.OpenIdConnect;

    private ConfigurationManager<OpenIdConnectConfiguration> Configuration
    {
        get
        {
            lock (_refreshLock)
            {
                return _configuration ??= CreateConfigurationManager();
            }
        }
    }

    public async ValueTask<string> CreateAuthorizationUrlAsync(OAuthLoginStart login, CancellationToken cancellationToken)
    {
        var configuration = await Configuration.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        var settings = Settings;
        var separator = configuration.AuthorizationEndpoint.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return configuration.AuthorizationEndpoint + separator
            + "response_type=code"
            + "&client_id=" + Uri.EscapeDataString(settings.ClientId)
            + "&redirect_uri=" + Uri.EscapeDataString(login.RedirectUri)
            + "&scope=" + Uri.EscapeDataString(settings.Scope)
            + "&state=" + Uri.EscapeDataString(login.State)
            + "&nonce=" + Uri.EscapeDataString(login.Nonce)
            + "&code_challenge=" + Uri.EscapeDataString(login.CodeChallenge)
            + "&code_challenge_method=S256";
    }

    public async ValueTask<OAuthLoginResult> ExchangeCodeAsync(OAuthCallback callback, CancellationToken cancellationToken)
    {
        var configuration = await Configuration.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        var idToken = await RequestIdTokenAsync(configuration, callback, cancellationToken).ConfigureAwait(false);
        if (idToken.Failure is { } failure)
        {
            return failure;
        }

        var validation = await ValidateAsync(idToken.Value!, configuration).ConfigureAwait(false);
        if (validation.Exception is SecurityTokenSignatureKeyNotFoundException && TryStartKeyRefresh())
        {
            // The provider may have rotated its keys since they were fetched. A new manager fetches them
            // now, where RequestRefresh of Microsoft.IdentityModel 8 would fetch them in the background.
            configuration = await Configuration.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            validation = await ValidateAsync(idToken.Value!, configuration).ConfigureAwait(false);
        }

        if (!validation.IsValid)
        {
            Log.IdTokenInvalid(_logger, validation.Exception?.GetType().Name ?? "unknown");
            return OAuthLoginResult.Rejected("The identity provider sent an id_token that failed validation. Start the login again.");
        }

        var token = (JsonWebToken)validation.SecurityToken;
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.EncodedPayload));
        if (!NonceMatches(payload.RootElement, callback.Nonce))
        {
            Log.IdTokenInvalid(_logger, "nonce mismatch");
            return OAuthLoginResult.Rejected("The identity provider sent an id_token for another login. Start the login again.");
        }

        return OpenIdConnectClaimMapper.Map(payload.RootElement, Settings.Claims);
    }

    private async Task<(string? Value, OAuthLoginResult? Failure)> RequestIdTokenAsync(
        OpenIdConnectConfiguration configuration, OAuthCallback callback, CancellationToken cancellationToken)
    {
        var settings = Settings;
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = callback.Code,
            ["redirect_uri"] = callback.RedirectUri,
            ["client_id"] = settings.ClientId,
            ["code_verifier"] = callback.CodeVerifier,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        if (settings.ClientSecret is { Length: > 0 } secret)
        {
            // RFC 6749, section 2.3.1: client id and secret are form-encoded before they are joined.
            var credentials = Uri.EscapeDataString(settings.ClientId) + ":" + Uri.EscapeDataString(secret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        if (settings.RequireHttps && request.RequestUri?.Scheme != Uri.UriSchemeHttps)
        {
            return (null, OAuthLoginResult.ProviderFailed("The token endpoint of the identity provider is not https. Check the provider's discovery document."));
        }

        var (statusCode, body) = await OAuthHttpClient.SendAsync(_httpClientFactory, request, "token endpoint", _logger, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, statusCode is >= 400 and < 500
                ? OAuthLoginResult.Rejected("The identity provider rejected the login code. Start the login again.")
                : OAuthLoginResult.ProviderFailed($"The identity provider returned status {statusCode} for the code exchange. Try again later."));
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var idToken = ProviderJson.ReadString(document.RootElement, "id_token");
            return string.IsNullOrEmpty(idToken)
                ? (null, OAuthLoginResult.ProviderFailed("The identity provider sent no id_token. Check that the scope contains 'openid'."))
                : (idToken, null);
        }
        catch (JsonException)
        {
            return (null, OAuthLoginResult.ProviderFailed("The identity provider returned a token response that is not valid JSON. Try again later."));
        }
    }

    private Task<TokenValidationResult> ValidateAsync(string idToken, OpenIdConnectConfiguration configuration)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = Settings.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = Settings.ClockSkew,
            LifetimeValidator = IsWithinLifetime,
        };
        return _tokenHandler.ValidateTokenAsync(idToken, parameters);
    }

    // The handler's own lifetime check reads the system clock. This one reads the injected TimeProvider.
    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        var skew = parameters.ClockSkew;
        return expires is { } expiresAt
            && now <= expiresAt.ToUniversalTime() + skew
            && (notBefore is not { } notBeforeAt || now >= notBeforeAt.ToUniversalTime() - skew);
    }

    private static bool NonceMatches(JsonElement payload, string expected)
    {
        var nonce = ProviderJson.ReadString(payload, "nonce");
        return nonce is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(expected));
    }

    private bool TryStartKeyRefresh()
    {
        var now = _timeProvider.GetUtcNow();
        lock (_refreshLock)
        {
            if (now - _lastKeyRefresh < KeyRefreshInterval)
            {
                return false;
            }

            _lastKeyRefresh = now;
            _configuration = CreateConfigurationManager();
            return true;
        }
    }

    private ConfigurationManager<OpenIdConnectConfiguration> CreateConfigurationManager()
    {
        var settings = Settings;
        var authority = settings.Authority!.AbsoluteUri.TrimEnd('/');
        var retriever = new FactoryDocumentRetriever(_httpClientFactory, settings.RequireHttps);
        return new ConfigurationManager<OpenIdConnectConfiguration>(
            authority + "/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(), retriever);
    }
}
