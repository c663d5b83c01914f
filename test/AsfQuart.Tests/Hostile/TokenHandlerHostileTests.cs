using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AsfQuart.Tests.Hostile;

public sealed class TokenHandlerHostileTests : IClassFixture<HostileHost>
{
    private static readonly TimeSpan AuthenticationTimeout = new AsfQuartOptions().AuthenticationTimeout;

    private readonly HostileHost _host;

    public TokenHandlerHostileTests(HostileHost host)
    {
        _host = host;
        _host.Reset();
    }

    // Each row: the token whose handler misbehaves, the exact status, and the event the log must show.
    public static TheoryData<string, int, string> Handlers => new()
    {
        { HostileHost.UnknownToken, StatusCodes.Status401Unauthorized, "TokenRejected" },
        { HostileHost.ThrowingToken, StatusCodes.Status503ServiceUnavailable, "AuthenticatorFailed" },
        { HostileHost.SyncThrowingToken, StatusCodes.Status503ServiceUnavailable, "AuthenticatorFailed" },
        { HostileHost.UnavailableToken, StatusCodes.Status503ServiceUnavailable, "AuthenticatorUnavailable" },
        { HostileHost.CancelledToken, StatusCodes.Status503ServiceUnavailable, "AuthenticatorUnavailable" },
    };

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Handler_failure_gets_exact_status(string token, int status, string eventName)
    {
        var response = await _host.SendAsync(request => request.Headers.Authorization = "Bearer " + token);

        HostileAssert.Handled(response, _host.App.Logs, status, token);
        Assert.Contains(_host.App.Logs.GetSnapshot(), record => record.Id.Name == eventName);
    }

    [Theory]
    [InlineData(HostileHost.HangingToken)]
    [InlineData(HostileHost.DeafToken)]
    public async Task Hanging_handler_times_out_with_503(string token)
    {
        var pending = _host.SendAsync(request => request.Headers.Authorization = "Bearer " + token);
        await _host.HandlerEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        _host.App.Time.Advance(AuthenticationTimeout - TimeSpan.FromMilliseconds(1));
        var early = await Task.WhenAny(pending, Task.Delay(TimeSpan.FromMilliseconds(50)));
        Assert.NotSame(pending, early);

        _host.App.Time.Advance(TimeSpan.FromMilliseconds(1));
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        HostileAssert.Handled(response, _host.App.Logs, StatusCodes.Status503ServiceUnavailable, token);
        var timedOut = Assert.Single(_host.App.Logs.GetSnapshot(), record => record.Id.Name == "AuthenticatorTimedOut");
        Assert.Equal(LogLevel.Warning, timedOut.Level);
    }

    [Fact]
    public async Task Throwing_handler_message_stays_in_log()
    {
        var response = await _host.SendAsync(request => request.Headers.Authorization = "Bearer " + HostileHost.ThrowingToken);

        Assert.DoesNotContain("corrupt", response.Body, StringComparison.Ordinal);
        var failed = Assert.Single(_host.App.Logs.GetSnapshot(), record => record.Id.Name == "AuthenticatorFailed");
        Assert.IsType<InvalidOperationException>(failed.Exception);
    }
}
