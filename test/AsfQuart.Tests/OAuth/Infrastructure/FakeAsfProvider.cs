using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AsfQuart.Tests.OAuth.Infrastructure;

/// <summary>
/// A stand-in for oauth.apache.org on 127.0.0.1. Its token endpoints return the JSON, status, redirect
/// or delay registered for each code, and 404 for an unknown code.
/// </summary>
public sealed class FakeAsfProvider : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _codes = new(StringComparer.Ordinal);
    private LoopbackServer? _server;

    public Uri BaseUrl => _server!.BaseUrl;

    /// <summary>Gets the paths and codes of the token requests received, in order.</summary>
    public ConcurrentQueue<(string Path, string Code)> TokenRequests { get; } = new();

    /// <summary>Completes when a request for a code registered with <see cref="AddHangingCode"/> arrives.</summary>
    public TaskCompletionSource HangingRequestArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakeAsfProvider> StartAsync()
    {
        var provider = new FakeAsfProvider();
        provider._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/token-oidc", provider.AnswerAsync);
            app.MapGet("/token", provider.AnswerAsync);
        });
        return provider;
    }

    public void AddCode(string code, string json) =>
        _codes[code] = context => context.Response.WriteAsync(json);

    public void AddStatusCode(string code, int statusCode) =>
        _codes[code] = context =>
        {
            context.Response.StatusCode = statusCode;
            return context.Response.WriteAsync("{\"error\":\"failed\"}");
        };

    public void AddRedirectingCode(string code, Uri location) =>
        _codes[code] = context =>
        {
            context.Response.Redirect(location.AbsoluteUri);
            return Task.CompletedTask;
        };

    public void AddHangingCode(string code) =>
        _codes[code] = async context =>
        {
            HangingRequestArrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        };

    private Task AnswerAsync(HttpContext context)
    {
        var code = context.Request.Query["code"].ToString();
        TokenRequests.Enqueue((context.Request.Path.Value!, code));
        if (!_codes.TryGetValue(code, out var answer))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        context.Response.ContentType = "application/json";
        return answer(context);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
