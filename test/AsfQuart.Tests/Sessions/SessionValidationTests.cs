using System.Net;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace AsfQuart.Tests.Sessions;

/// <summary>The session validation hook: at most once per interval, and it may accept, replace or reject the session.</summary>
public sealed class SessionValidationTests
{
    private static void Map(WebApplication app)
    {
        app.MapGet("/secret", (Session session) => session.Uid).RequireAsfSession();
        app.MapGet("/member", (Session session) => session.Uid).RequireAsfSession(Requirements.Member);
    }

    [Fact]
    public async Task Validator_runs_once_per_interval()
    {
        var calls = 0;
        await using var app = await TestApp.StartAsync(Map, options => options.ValidateSession = _ =>
        {
            calls++;
            return ValueTask.CompletedTask;
        });
        var jar = CookieJar.FromHeader(app.CookieFor(TestSessions.Committer));

        app.Time.Advance(TimeSpan.FromMinutes(4));
        var early = await app.GetAsync("/secret", ("Cookie", jar.Header));
        var callsBeforeInterval = calls;
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var due = await app.GetAsync("/secret", ("Cookie", jar.Header));
        jar.Apply(due);
        app.Time.Advance(TimeSpan.FromMinutes(4));
        await app.GetAsync("/secret", ("Cookie", jar.Header));
        var callsAfterRewrite = calls;
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await app.GetAsync("/secret", ("Cookie", jar.Header));

        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Equal(0, callsBeforeInterval);
        Assert.Equal(HttpStatusCode.OK, due.StatusCode);
        Assert.Single(CookieJar.SetCookies(due));
        Assert.Equal(1, callsAfterRewrite);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Replaced_session_is_written_to_cookie()
    {
        var validator = Substitute.For<ISessionValidator>();
        validator.ValidateAsync(Arg.Any<SessionValidationContext>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                var context = call.Arg<SessionValidationContext>();
                context.ReplaceSession(context.Session with { IsMember = true, CreatedAt = default });
                return ValueTask.CompletedTask;
            });
        await using var app = await TestApp.StartAsync(Map, configureServices: services => services.AddSingleton(validator));
        var jar = CookieJar.FromHeader(app.CookieFor(TestSessions.Committer));
        app.Time.Advance(TimeSpan.FromMinutes(10));

        var replaced = await app.GetAsync("/member", ("Cookie", jar.Header));
        jar.Apply(replaced);
        validator.ClearReceivedCalls();
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var next = await app.GetAsync("/member", ("Cookie", jar.Header));

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Single(CookieJar.SetCookies(replaced));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        await validator.DidNotReceiveWithAnyArgs().ValidateAsync(default!, default);
    }

    [Fact]
    public async Task Rejected_session_deletes_cookie()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.ValidateSession = context =>
        {
            context.RejectSession("account disabled");
            return ValueTask.CompletedTask;
        });
        var cookie = app.CookieFor(TestSessions.Committer);
        app.Time.Advance(TimeSpan.FromMinutes(10));

        var api = await app.GetAsync("/secret", ("Cookie", cookie));
        var browser = await app.GetAsync("/secret", ("Cookie", cookie), ("Accept", "text/html"));

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        var deleted = Assert.Single(CookieJar.SetCookies(api));
        Assert.Equal("__Host-refapp", deleted.Name.Value);
        Assert.True(deleted.Expires < TestApp.Start);
        Assert.Equal(HttpStatusCode.Redirect, browser.StatusCode);
        Assert.Single(CookieJar.SetCookies(browser));
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Name == "SessionRejected" && record.Message.Contains("account disabled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rejection_stops_later_validators()
    {
        var first = Substitute.For<ISessionValidator>();
        first.ValidateAsync(Arg.Any<SessionValidationContext>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                call.Arg<SessionValidationContext>().RejectSession();
                return ValueTask.CompletedTask;
            });
        var second = Substitute.For<ISessionValidator>();
        var optionCalls = 0;
        await using var app = await TestApp.StartAsync(
            Map,
            options => options.ValidateSession = _ =>
            {
                optionCalls++;
                return ValueTask.CompletedTask;
            },
            services => services.AddSingleton(first).AddSingleton(second));
        var cookie = app.CookieFor(TestSessions.Committer);
        app.Time.Advance(TimeSpan.FromMinutes(10));

        var response = await app.GetAsync("/secret", ("Cookie", cookie));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await second.DidNotReceiveWithAnyArgs().ValidateAsync(default!, default);
        Assert.Equal(0, optionCalls);
    }

    [Fact]
    public async Task Unavailable_validator_keeps_session()
    {
        var validator = Substitute.For<ISessionValidator>();
        validator.ValidateAsync(Arg.Any<SessionValidationContext>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new AuthenticationUnavailableException("directory unreachable"));
        await using var app = await TestApp.StartAsync(Map, configureServices: services => services.AddSingleton(validator));
        var cookie = app.CookieFor(TestSessions.Committer);
        app.Time.Advance(TimeSpan.FromMinutes(10));

        var first = await app.GetAsync("/secret", ("Cookie", cookie));
        var second = await app.GetAsync("/secret", ("Cookie", cookie));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await validator.ReceivedWithAnyArgs(2).ValidateAsync(default!, default);
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Name == "SessionValidationUnavailable");
    }

    [Fact]
    public async Task Token_sessions_are_not_validated()
    {
        var calls = 0;
        await using var app = await TestApp.StartAsync(Map, options =>
        {
            options.UseTokenHandler(token => token == TestSessions.RoleToken ? TestSessions.RoleAccount : null);
            options.ValidateSession = _ =>
            {
                calls++;
                return ValueTask.CompletedTask;
            };
        });

        var response = await app.GetAsync("/secret", ("Authorization", "Bearer " + TestSessions.RoleToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, calls);
    }
}
