using System.Globalization;
using System.Net;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace AsfQuart.Tests.Tokens;

/// <summary>Personal access tokens: every way to set a handler, and every way a handler can fail.</summary>
public sealed class TokenHandlerTests
{
    private const string Token = TestSessions.RoleToken;

    private static void Map(WebApplication app)
    {
        app.MapGet("/secret", (Session session) => session).RequireAsfSession();
        app.MapGet("/httpd", (Session session) => "ok").RequireAsfSession(Requirements.CommitteeMember("httpd"));
    }

    private static Session? Find(string token) => token == Token ? TestSessions.RoleAccount : null;

    private static Task<HttpResponseMessage> GetWithTokenAsync(TestApp app, string token, string path = "/secret") =>
        app.GetAsync(path, ("Authorization", "Bearer " + token));

    [Fact]
    public async Task Synchronous_handler_is_used()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(Find));

        var response = await GetWithTokenAsync(app, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"source\":\"Token\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asynchronous_handler_gets_cancellation_token()
    {
        var received = CancellationToken.None;
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(async (token, cancellationToken) =>
        {
            received = cancellationToken;
            await Task.Yield();
            return Find(token);
        }));

        var response = await GetWithTokenAsync(app, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(received.CanBeCanceled);
    }

    [Fact]
    public async Task Value_task_handler_is_used()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.TokenHandler = (token, _) => ValueTask.FromResult(Find(token)));

        var response = await GetWithTokenAsync(app, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Handler_service_is_used()
    {
        var handler = Substitute.For<ITokenHandler>();
        handler.AuthenticateAsync(Token, Arg.Any<CancellationToken>()).Returns(TestSessions.RoleAccount);
        await using var app = await TestApp.StartAsync(Map, configureServices: services => services.AddSingleton(handler));

        var good = await GetWithTokenAsync(app, Token);
        var bad = await GetWithTokenAsync(app, "unknown");

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Contains("Bearer realm=\"refapp\", error=\"invalid_token\"", bad.Headers.WwwAuthenticate.Select(value => value.ToString()));
    }

    [Fact]
    public async Task Typed_session_from_handler_keeps_committees()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(Find));

        var response = await GetWithTokenAsync(app, Token, "/httpd");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_token_gets_invalid_token_challenge()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(Find));

        var response = await app.GetAsync("/secret", ("Authorization", "Bearer unknown"), ("Accept", "text/html"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            ["Bearer realm=\"refapp\", error=\"invalid_token\"", "Cookie realm=\"refapp\", form-action=\"/auth\""],
            response.Headers.WwwAuthenticate.Select(value => value.ToString()));
        Assert.Equal("The bearer token is invalid, expired or revoked.\n", await response.Content.ReadAsStringAsync());
        LogAssert.NoSecret(app.Logs, "unknown");
    }

    [Fact]
    public async Task Throwing_handler_gets_503_without_details()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(token =>
            token.Length > 0 ? throw new InvalidOperationException("token store broke") : null));

        var response = await GetWithTokenAsync(app, Token);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("The credentials could not be checked because of a server error.\n", body);
        Assert.DoesNotContain("token store broke", body, StringComparison.Ordinal);
        var logged = Assert.Single(app.Logs.GetSnapshot(), record => record.Id.Name == "AuthenticatorFailed");
        Assert.Contains("token store broke", logged.Exception!.Message, StringComparison.Ordinal);
        LogAssert.NoSecret(app.Logs, Token);
    }

    [Fact]
    public async Task Exception_quoting_the_token_is_logged_redacted()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(token =>
        {
            var id = int.Parse(token, CultureInfo.InvariantCulture);
            return id == 1 ? TestSessions.RoleAccount : null;
        }));

        var response = await GetWithTokenAsync(app, Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var logged = Assert.Single(app.Logs.GetSnapshot(), record => record.Id.Name == "AuthenticatorFailed");
        Assert.Contains("FormatException", logged.Exception!.Message, StringComparison.Ordinal);
        Assert.Contains("[redacted]", logged.Exception.Message, StringComparison.Ordinal);
        LogAssert.NoSecret(app.Logs, Token);
    }

    [Fact]
    public async Task Unavailable_handler_gets_503()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(token =>
            token.Length > 0 ? throw new AuthenticationUnavailableException("token database unreachable") : null));

        var response = await app.GetAsync("/secret", ("Authorization", "Bearer " + Token), ("Accept", "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The authentication service is unavailable. Try again later.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("unreachable", body, StringComparison.Ordinal);
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Name == "AuthenticatorUnavailable");
        LogAssert.NoSecret(app.Logs, Token);
    }

    [Fact]
    public async Task Hanging_handler_times_out_with_503()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await TestApp.StartAsync(Map, options =>
        {
            options.AuthenticationTimeout = TimeSpan.FromSeconds(3);
            options.UseTokenHandler(async (token, cancellationToken) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, CancellationToken.None);
                return Find(token);
            });
        });

        var pending = GetWithTokenAsync(app, Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        app.Time.Advance(TimeSpan.FromSeconds(2));
        var stillPending = !pending.IsCompleted;
        app.Time.Advance(TimeSpan.FromSeconds(1));
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(stillPending);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Name == "AuthenticatorTimedOut");
    }

    [Fact]
    public async Task Handler_that_honours_cancellation_times_out_with_503()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(async (token, cancellationToken) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return Find(token);
        }));

        var pending = GetWithTokenAsync(app, Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        app.Time.Advance(TimeSpan.FromSeconds(10));
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Theory]
    [InlineData("abc=")]
    [InlineData("abc==")]
    [InlineData("a=b=c")]
    [InlineData("AbC/+._-~xyz")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")]
    public async Task Token_reaches_handler_byte_for_byte(string token)
    {
        string? received = null;
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(sent =>
        {
            received = sent;
            return TestSessions.RoleAccount;
        }));

        var response = await app.GetAsync("/secret", ("Authorization", "Bearer   " + token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(token, received);
    }

    [Fact]
    public async Task Bearer_without_handler_is_401_and_not_logged()
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await GetWithTokenAsync(app, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(["Cookie realm=\"refapp\", form-action=\"/auth\""], response.Headers.WwwAuthenticate.Select(value => value.ToString()));
        Assert.Equal("This application does not accept bearer tokens.\n", await response.Content.ReadAsStringAsync());
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Name == "BearerWithoutHandler");
        LogAssert.NoSecret(app.Logs, Token);
    }

    [Fact]
    public async Task Token_session_is_never_written_to_cookie()
    {
        await using var app = await TestApp.StartAsync(
            app =>
            {
                app.MapPost("/write", async (HttpContext context) =>
                {
                    var session = await context.ReadAsfSessionAsync();
                    context.WriteAsfSession(session!);
                    return "written";
                }).RequireAsfSession();
                app.MapGet("/secret", (Session session) => "ok").RequireAsfSession();
            },
            options => options.UseTokenHandler(Find));

        var read = await GetWithTokenAsync(app, Token);
        app.Time.Advance(TimeSpan.FromHours(1));
        var again = await GetWithTokenAsync(app, Token);
        var write = await Assert.ThrowsAnyAsync<Exception>(() => app.SendAsync(HttpMethod.Post, "/write", ("Authorization", "Bearer " + Token)));

        Assert.False(read.Headers.Contains("Set-Cookie"));
        Assert.False(again.Headers.Contains("Set-Cookie"));
        Assert.Contains("never written to a cookie", write.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_cookie_does_not_stop_bearer()
    {
        Session? seen = null;
        await using var app = await TestApp.StartAsync(
            app => app.MapGet("/secret", (Session session) =>
            {
                seen = session;
                return "ok";
            }).RequireAsfSession(),
            options => options.UseTokenHandler(Find));
        var cookie = app.CookieFor(TestSessions.Committer);
        app.Time.Advance(TimeSpan.FromDays(8));

        var response = await app.GetAsync("/secret", ("Cookie", cookie), ("Authorization", "Bearer " + Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("roleaccountthing", seen!.Uid);
        Assert.Equal(SessionSource.Token, seen.Source);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Unreadable_cookie_does_not_stop_bearer()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(Find));

        var response = await app.GetAsync("/secret", ("Cookie", "__Host-refapp=garbage"), ("Authorization", "Bearer " + Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Valid_cookie_wins_over_bearer()
    {
        var calls = 0;
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(token =>
        {
            calls++;
            return Find(token);
        }));

        var response = await app.GetAsync("/secret", ("Cookie", app.CookieFor(TestSessions.Committer)), ("Authorization", "Bearer " + Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"uid\":\"jdoe\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, calls);
    }
}
