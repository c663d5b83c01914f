using Microsoft.Extensions.Logging;

namespace AsfQuart;

/// <summary>The named <see cref="HttpClient"/> that every provider calls its service with.</summary>
internal static class OAuthHttpClient
{
    /// <summary>The name of the client in <see cref="IHttpClientFactory"/>.</summary>
    public const string Name = "AsfQuart.OAuth";

    /// <summary>The maximum size of a provider's answer, in bytes.</summary>
    public const int MaxResponseSize = 1024 * 1024;

    /// <summary>Sends a request and reads a JSON answer; logs and returns the status of any other answer than 200.</summary>
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
