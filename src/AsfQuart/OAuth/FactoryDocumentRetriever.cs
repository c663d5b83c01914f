using Microsoft.IdentityModel.Protocols;

namespace AsfQuart;

/// <summary>
/// Fetches the discovery document and key set of an OpenID Connect provider with a new client from
/// <see cref="IHttpClientFactory"/> for each fetch, so a long-lived configuration manager still
/// follows the factory's handler rotation and DNS changes.
/// </summary>
internal sealed class FactoryDocumentRetriever(IHttpClientFactory httpClientFactory, bool requireHttps) : IDocumentRetriever
{
    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);

        var uri = new Uri(address, UriKind.Absolute);
        if (requireHttps && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"The OpenID Connect document address '{address}' is not https, and RequireHttps is on.");
        }

        var client = httpClientFactory.CreateClient(OAuthHttpClient.Name);
        using var response = await client.GetAsync(uri, cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new IOException($"The OpenID Connect document at '{address}' returned status {(int)response.StatusCode}.");
        }

        return await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
    }
}
