using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AsfQuart.Testing;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using PersonalAccessTokens;

namespace AsfQuart.Tests.Examples;

/// <summary>
/// The PersonalAccessTokens example on Kestrel at 127.0.0.1 and a free port, called with HttpClient
/// as curl would, and with raw bytes where HttpClient would rewrite the request.
/// </summary>
public sealed class PersonalAccessTokensKestrelTests : IAsyncLifetime
{
    private const string Token = TestSessions.RoleToken;

    private WebApplication _app = null!;
    private Uri _baseAddress = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = PersonalAccessTokensApp.Build(["--urls", "http://127.0.0.1:0", "--AsfQuart:InMemoryKeys=true"]);
        await _app.StartAsync();
        _baseAddress = new Uri(_app.Urls.Single());
        _client = new HttpClient { BaseAddress = _baseAddress };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Curl_with_token_gets_session_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/secret");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Token);

        var response = await _client.SendAsync(request);
        using var session = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("127.0.0.1", _baseAddress.Host);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("roleaccountthing", session.RootElement.GetProperty("uid").GetString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Curl_without_token_gets_401()
    {
        var response = await _client.GetAsync("/secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer realm=\"refapp\"", response.Headers.WwwAuthenticate.Select(value => value.ToString()));
    }

    [Fact]
    public async Task Chunked_cookie_of_500_projects_passes_kestrel_limits()
    {
        var large = TestSessions.Member with { Projects = [.. Enumerable.Range(1, 500).Select(index => $"project-{index:D4}")] };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/member");
        request.Headers.Add("Cookie", _app.Services.CreateSessionCookieHeader(large));

        var response = await _client.SendAsync(request);

        Assert.Contains("__Host-refappC2=", request.Headers.GetValues("Cookie").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, member mmember.\n", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Authorization: Bearer\t" + Token, "400")]
    [InlineData("Authorization: Bearer", "400")]
    [InlineData("Authorization:", "400")]
    [InlineData("Authorization: Bearer " + Token + "\r\nAuthorization: Bearer " + Token, "400")]
    [InlineData("Authorization: bEaReR " + Token, "200")]
    [InlineData("Authorization: Bearerx " + Token, "401")]
    public async Task Raw_authorization_header_gets_exact_status(string headerLines, string status)
    {
        var response = await SendRawAsync(Encoding.ASCII.GetBytes($"GET /secret HTTP/1.1\r\nHost: 127.0.0.1\r\n{headerLines}\r\nConnection: close\r\n\r\n"));

        Assert.StartsWith($"HTTP/1.1 {status} ", response, StringComparison.Ordinal);
        Assert.DoesNotContain("Set-Cookie", response, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Non_ascii_bearer_bytes_get_400()
    {
        var request = Encoding.ASCII.GetBytes("GET /secret HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer t")
            .Concat(new byte[] { 0xC3, 0xB6, 0xFF })
            .Concat(Encoding.ASCII.GetBytes("k\r\nConnection: close\r\n\r\n"))
            .ToArray();

        var response = await SendRawAsync(request);

        Assert.StartsWith("HTTP/1.1 400 ", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Megabyte_cookie_is_rejected_before_the_app()
    {
        var response = await SendRawAsync(Encoding.ASCII.GetBytes($"GET /secret HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: __Host-refapp={new string('A', 1024 * 1024)}\r\nConnection: close\r\n\r\n"));

        Assert.StartsWith("HTTP/1.1 431 ", response, StringComparison.Ordinal);
    }

    private async Task<string> SendRawAsync(byte[] request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _baseAddress.Port);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request);
        }
        catch (IOException)
        {
            // Kestrel may respond and close before a large request is fully sent, and the response is still readable.
        }

        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }
}
