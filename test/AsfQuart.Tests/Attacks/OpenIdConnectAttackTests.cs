using System.Net;
using AsfQuart.Tests.OAuth.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AsfQuart.Tests.Attacks;

/// <summary>
/// Logs in through a fake OpenID Connect provider on 127.0.0.1 whose id_tokens are signed but carry
/// hostile claims, and checks each login fails plainly without a session or a secret in the logs.
/// </summary>
public sealed class OpenIdConnectAttackTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));
    private FakeOidcProvider _provider = null!;
    private OAuthTestApp _app = null!;

    public async Task InitializeAsync()
    {
        _provider = await FakeOidcProvider.StartAsync(_time);
        _app = await OAuthTestApp.StartAsync(
            options =>
            {
                options.Provider = OAuthProviderKind.OpenIdConnect;
                options.OpenIdConnect.Authority = _provider.BaseUrl;
                options.OpenIdConnect.ClientId = FakeOidcProvider.ClientId;
                options.OpenIdConnect.ClientSecret = FakeOidcProvider.ClientSecret;
                options.OpenIdConnect.RequireHttps = false;
            },
            time: _time);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
    }

    public static TheoryData<string, Dictionary<string, object>, IdTokenChanges> HostileLogins { get; } = new()
    {
        { "empty nonce", new() { ["sub"] = "jdoe" }, new IdTokenChanges { Nonce = "" } },
        { "nonce with another prefix", new() { ["sub"] = "jdoe" }, new IdTokenChanges { Nonce = "x" } },
        { "empty sub", new() { ["sub"] = "" }, new IdTokenChanges() },
        { "sub as number", new() { ["sub"] = 42 }, new IdTokenChanges() },
        { "sub of 200000 characters", new() { ["sub"] = new string('u', 200_000) }, new IdTokenChanges() },
        { "name of 200000 characters", new() { ["sub"] = "jdoe", ["name"] = new string('n', 200_000) }, new IdTokenChanges() },
        { "expired long ago", new() { ["sub"] = "jdoe" }, new IdTokenChanges { Lifetime = TimeSpan.FromDays(-20_000) } },
    };

    [Theory]
    [MemberData(nameof(HostileLogins))]
    public async Task Hostile_id_token_gives_no_session(string name, Dictionary<string, object> claims, IdTokenChanges changes)
    {
        var browser = _app.CreateBrowser();
        var start = await browser.GetAsync("/auth?login");
        var code = "code-" + name.Replace(' ', '-');
        _provider.AddCode(code, start.Headers.Location!, claims, changes);
        var state = OAuthTestApp.StateOf(start.Headers.Location!);

        var callback = await browser.GetAsync($"/auth?code={code}&state={state}");
        var current = await browser.GetAsync("/auth");

        Assert.True((int)callback.StatusCode is 403 or 502, $"{name}: {callback.StatusCode}");
        await HostileResponses.AssertNoServerErrorAsync(callback);
        HostileResponses.AssertNoSessionCookie(callback);
        Assert.Equal(HttpStatusCode.NotFound, current.StatusCode);
        HostileResponses.AssertLogsOmit(_app, code, state, FakeOidcProvider.ClientSecret);
    }
}
