using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AsfQuart.Tests.Hostile;

/// <summary>
/// A real TestHost application for hostile requests: a token handler whose behaviour each token
/// picks, a Basic authenticator with one account, and endpoints that read, require and clear a session.
/// Shared by the tests of one class; each test clears the captured logs first.
/// </summary>
public sealed class HostileHost : IAsyncLifetime
{
    public const string GoodToken = "pat-hostile-good-4kR9wPz2LmVb";
    public const string UnknownToken = "pat-hostile-unknown-Hs72QpxT";
    public const string ThrowingToken = "pat-hostile-throws-Jd83kQw1";
    public const string SyncThrowingToken = "pat-hostile-throws-sync-Pq7Lm2";
    public const string UnavailableToken = "pat-hostile-unavailable-Vn4Xc8";
    public const string CancelledToken = "pat-hostile-cancelled-Rt6Yw2";
    public const string HangingToken = "pat-hostile-hangs-Bz5Ns9";
    public const string DeafToken = "pat-hostile-hangs-deaf-Kc3Mv7";

    public const string BasicUser = "jdoe";
    public const string BasicPassword = "basic-secret-Q7x:with:colons and spaces é 🔑";

    private TestApp? _app;

    public TestApp App => _app ?? throw new InvalidOperationException("The hostile host has not started.");

    /// <summary>Gets a task that completes when the token handler has received a hanging token.</summary>
    public TaskCompletionSource HandlerEntered { get; private set; } = NewSignal();

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(
            Map,
            options => options.TokenHandler = AuthenticateTokenAsync,
            services => services.AddSingleton<IBasicAuthenticator>(new SingleAccountAuthenticator()));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>Prepares the host for one test: empty logs and a fresh handler signal.</summary>
    public void Reset()
    {
        App.Logs.Clear();
        HandlerEntered = NewSignal();
    }

    /// <summary>Sends <c>GET /secret</c> with whatever headers <paramref name="configure"/> sets, bypassing HttpClient's header validation.</summary>
    public Task<HostileResponse> SendAsync(Action<HttpRequest> configure, string method = "GET", string path = "/secret") =>
        HostileResponse.SendAsync(App.App.GetTestServer(), configure, method, path);

    private static void Map(WebApplication app)
    {
        app.MapGet("/secret", (Session session) => "uid=" + session.Uid).RequireAsfSession();
        app.MapGet("/scoped", (Session session) => "uid=" + session.Uid).RequireScope("admin");
        app.MapGet("/optional", (Session? session) => session is null ? "none" : "uid=" + session.Uid);
        app.MapPost("/logout", (HttpContext context) => context.ClearAsfSession());
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ValueTask<Session?> AuthenticateTokenAsync(string token, CancellationToken cancellationToken)
    {
        switch (token)
        {
            case GoodToken:
                return ValueTask.FromResult<Session?>(TestSessions.RoleAccount);

            case ThrowingToken:
                return ThrowLaterAsync();

            case SyncThrowingToken:
                throw new InvalidOperationException("The token store is corrupt.");

            case UnavailableToken:
                return ValueTask.FromException<Session?>(new AuthenticationUnavailableException("The token store is down."));

            // HttpClient reports its own timeout as a TaskCanceledException, not as a TimeoutException.
            case CancelledToken:
                return ValueTask.FromException<Session?>(new TaskCanceledException("The token service did not answer in time."));

            case HangingToken:
                HandlerEntered.TrySetResult();
                return HangAsync(cancellationToken);

            case DeafToken:
                HandlerEntered.TrySetResult();
                return new ValueTask<Session?>(new TaskCompletionSource<Session?>().Task);

            default:
                return ValueTask.FromResult<Session?>(null);
        }
    }

    private static async ValueTask<Session?> ThrowLaterAsync()
    {
        await Task.Yield();
        throw new InvalidOperationException("The token store is corrupt.");
    }

    private static async ValueTask<Session?> HangAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        return null;
    }

    private sealed class SingleAccountAuthenticator : IBasicAuthenticator
    {
        public ValueTask<Session?> AuthenticateAsync(string userId, string password, CancellationToken cancellationToken) =>
            ValueTask.FromResult(userId == BasicUser && password == BasicPassword ? TestSessions.Committer : null);
    }
}
