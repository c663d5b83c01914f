using Microsoft.Extensions.Logging;

namespace AsfQuart;

/// <summary>The named <see cref="HttpClient"/> that every provider calls its service with.</summary>
internal static class OAuthHttpClient
{
    /// <summary>The name of the client in <see cref="IHttpClientFactory"/>.</summary>
    public const string Name = "AsfQuart.OAuth";

    /// <summary>The maximum size of a provider's response body, in bytes.</summary>
    public const int MaxResponseSize = 1024 * 1024;

    /// <summary>Sends a request and returns the status and body. For any status other than 200 it logs the status and returns no body.</summary>
    public static async Task<(int StatusCode, string? Body)> SendAsync(
        IHttpClientFactory factory, HttpRequestMessage request, string endpoint, ILogger logger, CancellationToken cancellationToken)
    {
        var client = factory.CreateClient(Name);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var statusCode = (int)response.StatusCode;
        if (statusCode != 200)
        {
            Log.ProviderStatus(logger, endpoint, statusCode);
            return (statusCode, null);
        }

        return (statusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }
}
