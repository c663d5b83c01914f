using System.Net;
using System.Net.Sockets;
using System.Text;
using AsfQuart.Tests.OAuth.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SimpleApp;

namespace AsfQuart.Tests.Attacks;

/// <summary>
/// SimpleApp in the Development environment on Kestrel at 127.0.0.1, sent oversized and unusual
/// requests as raw bytes, with every log line captured at Trace.
/// </summary>
public sealed class KestrelAttackTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private Uri _baseAddress = null!;

    public async Task InitializeAsync()
    {
        _app = SimpleApplication.Build(
            ["--environment", "Development", "--urls", "http://127.0.0.1:0", "--AsfQuart:InMemoryKeys=true"],
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.Configuration["Logging:LogLevel:Default"] = "Trace";
                builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
                builder.Logging.AddFakeLogging();
            });
        await _app.StartAsync();
        _baseAddress = new Uri(_app.Urls.Single());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public static TheoryData<string, string, int> UnusualRequests { get; } = new()
    {
        { "cookie of 40 KB", Request("/secret", "Cookie: __Host-simple_app=" + new string('A', 40_000)), 431 },
        { "150 headers", Request("/secret", string.Join("\r\n", Enumerable.Range(0, 150).Select(i => $"X-Extra-{i}: y"))), 431 },
        { "3000 cookies", Request("/secret", "Cookie: " + string.Join("; ", Enumerable.Range(0, 3000).Select(i => $"c{i}=v"))), 401 },
        { "20 forged chunks", Request("/secret", "Cookie: __Host-simple_app=chunks-20; " + string.Join("; ", Enumerable.Range(1, 20).Select(i => $"__Host-simple_appC{i}=" + new string('A', 1500)))), 401 },
        { "chunk count overflow", Request("/secret", "Cookie: __Host-simple_app=chunks-99999999999999999999"), 401 },
        { "login target of 9 KB", Request("/auth?login=/" + new string('a', 9000)), 414 },
        { "no Host header", "GET /auth?login HTTP/1.0\r\n\r\n", 400 },
        { "OPTIONS on protected page", Request("/secret", method: "OPTIONS"), 405 },
        { "TRACE on protected page", Request("/secret", method: "TRACE"), 405 },
        { "PROPFIND on login endpoint", Request("/auth?logout", method: "PROPFIND"), 405 },
        { "POST to picker", Request("/auth/development?state=" + new string('A', 43), method: "POST"), 405 },
        { "POST to OpenAPI document", Request("/openapi/v1.json", method: "POST"), 405 },
        { "logout with huge body", "POST /auth?logout HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 999999999\r\nConnection: close\r\n\r\nabc", 204 },
    };

    [Theory]
    [MemberData(nameof(UnusualRequests))]
    public async Task Unusual_request_gets_plain_status(string name, string request, int expected)
    {
        var (status, body) = await SendRawAsync(request);

        Assert.True(status == expected, $"{name}: {status}");
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Picker_login_logs_no_secret()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _baseAddress };
        var browser = new TestBrowser(client);

        var start = await browser.GetAsync("/auth?login=/secret");
        var state = OAuthTestApp.StateOf(start.Headers.Location!);
        var binding = browser.Cookies["__Host-simple_app-login"];
        var picker = await browser.GetAsync(start.Headers.Location!.OriginalString);
        var callback = await browser.GetAsync($"/auth?code=mmember&state={state}");
        var session = browser.Cookies["__Host-simple_app"];
        var secret = await browser.GetAsync("/secret");
        var logs = _app.Services.GetFakeLogCollector().GetSnapshot().Select(record => record.Message + " " + record.Exception).ToList();

        Assert.Equal(HttpStatusCode.OK, picker.StatusCode);
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secret.StatusCode);
        Assert.Contains(logs, line => line.Contains("mmember logged in", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(state, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(binding, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(session[..40], StringComparison.Ordinal));
    }

    private static string Request(string target, string? headers = null, string method = "GET")
    {
        var builder = new StringBuilder();
        builder.Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (headers is not null)
        {
            builder.Append(headers).Append("\r\n");
        }

        if (method is "POST")
        {
            builder.Append("Content-Length: 0\r\n");
        }

        return builder.Append("Connection: close\r\n\r\n").ToString();
    }

    private async Task<(int Status, string Body)> SendRawAsync(string request)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, _baseAddress.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));

        using var reader = new MemoryStream();
        try
        {
            await stream.CopyToAsync(reader);
        }
        catch (IOException)
        {
            // Kestrel may reset the connection after it sends the response to a rejected request.
        }

        var text = Encoding.Latin1.GetString(reader.ToArray());
        var statusLine = text.Split("\r\n", 2)[0];
        var status = int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var bodyStart = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (status, bodyStart < 0 ? "" : text[(bodyStart + 4)..]);
    }
}
