using AsfQuart.Tests.OAuth.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AsfQuart.Tests.Hostile;

/// <summary>
/// Sends hostile OAuth callbacks to a real application on TestHost whose provider is a fake ASF
/// provider on 127.0.0.1. Every case starts a real login first, so its state and binding cookie are
/// live, then tampers with the callback.
/// </summary>
public sealed class OAuthCallbackHostileTests : IAsyncLifetime
{
    private const string GoodCode = "code-hostile-jdoe-Wm4Qz8Rt2Lx";
    private const string SurrogateCode = "code-hostile-surrogate-Fp9Kc3Vb";
    private const string BindingCookieName = "__Host-refapp-login";

    // Each case turns a started login into the query and Cookie header of the callback to send.
    private static readonly Dictionary<string, (int Status, Func<StartedLogin, Task<Callback>> Prepare)> Cases = new()
    {
        ["replayed state"] = (StatusCodes.Status403Forbidden, async login =>
        {
            var first = await login.SendAsync(login.Valid());
            Assert.Equal(StatusCodes.Status200OK, first.StatusCode);
            return login.Valid();
        }),
        ["state one second past lifetime"] = (StatusCodes.Status403Forbidden, login =>
        {
            login.App.Time.Advance(TimeSpan.FromSeconds(901));
            return Task.FromResult(login.Valid());
        }),
        ["missing code"] = (StatusCodes.Status404NotFound, login => Task.FromResult(login.Valid() with { Query = $"state={login.State}" })),
        ["missing state"] = (StatusCodes.Status404NotFound, login => Task.FromResult(login.Valid() with { Query = $"code={GoodCode}" })),
        ["empty code"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Query = $"code=&state={login.State}" })),
        ["empty state"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Query = $"code={GoodCode}&state=" })),
        ["code of 4,097 characters"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Query = $"code={Filler('c', 4097)}&state={login.State}" })),
        ["code of 64 KB"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Query = $"code={Filler('c', 65_536)}&state={login.State}" })),
        ["state of 257 characters"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Query = $"code={GoodCode}&state={Filler('s', 257)}" })),
        ["state of 64 KB"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Query = $"code={GoodCode}&state={Filler('s', 65_536)}" })),
        ["state with one more character"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Query = $"code={GoodCode}&state={login.State}A" })),
        ["state with last character changed"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Query = $"code={GoodCode}&state={ChangeLast(login.State)}" })),
        ["state sent twice"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Query = $"code={GoodCode}&state={login.State}&state={login.State}" })),
        ["state from another browser"] = (StatusCodes.Status403Forbidden, async login =>
        {
            var attacker = await StartedLogin.StartAsync(login.App);
            return login.Valid() with { Query = $"code={GoodCode}&state={attacker.State}" };
        }),
        ["binding cookie missing"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Cookie = null })),
        ["binding cookie forged"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Cookie = $"{BindingCookieName}={OAuthRandom.CreateValue()}" })),
        ["binding cookie with last character changed"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Cookie = $"{BindingCookieName}={ChangeLast(login.Binding)}" })),
        ["binding cookie of 64 KB"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Cookie = $"{BindingCookieName}={Filler('b', 65_536)}" })),
        ["binding cookie under lower-case name"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Cookie = $"{BindingCookieName.ToLowerInvariant()}={login.Binding}" })),
        ["binding cookie with lower-case twin sent last"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Cookie = $"{BindingCookieName}={login.Binding}; {BindingCookieName.ToLowerInvariant()}={OAuthRandom.CreateValue()}" })),
        ["provider error with live state"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Query = $"error=access_denied&state={login.State}" })),
        ["code sent twice"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Query = $"code={GoodCode}&code={GoodCode}&state={login.State}" })),
        ["code with CR LF and non-ASCII"] = (StatusCodes.Status403Forbidden, login => Task.FromResult(login.Valid() with { Query = $"code={GoodCode}%0D%0ASet-Cookie:%20x%C3%A9&state={login.State}" })),
        ["provider user id with lone surrogate"] = (StatusCodes.Status502BadGateway, login => Task.FromResult(login.Valid() with { Query = $"code={SurrogateCode}&state={login.State}" })),
    };

    private FakeAsfProvider _provider = null!;

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    public async Task InitializeAsync()
    {
        _provider = await FakeAsfProvider.StartAsync();
        _provider.AddCode(GoodCode, AsfTokenResponses.JaneDoe);

        // System.Text.Json parses this escape but throws when it reads the string, as the provider fuzz target found.
        _provider.AddCode(SurrogateCode, """{"uid":"\ud800","fullname":"\udc00"}""");
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public void Table_covers_every_hostile_kind()
    {
        Assert.True(Cases.Count >= 20, $"The table has only {Cases.Count} cases.");
    }

    [Fact]
    public async Task Untampered_callback_signs_in()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var login = await StartedLogin.StartAsync(app);

        var response = await login.SendAsync(login.Valid());

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Contains(response.SetCookies, cookie => cookie.StartsWith("__Host-refapp=", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Hostile_callback_gets_exact_status(string name)
    {
        var (status, prepare) = Cases[name];
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var store = Assert.IsType<InMemoryPendingLoginStore>(app.App.Services.GetRequiredService<IPendingLoginStore>());
        var login = await StartedLogin.StartAsync(app);
        var callback = await prepare(login);
        var pendingBefore = store.Count;

        var response = await login.SendAsync(callback);

        HostileAssert.Handled(response, app.Logs, status, GoodCode, SurrogateCode, login.State, login.Binding, callback.Query, callback.Cookie ?? "");
        Assert.True(store.Count <= pendingBefore, $"The pending login store grew from {pendingBefore} to {store.Count}.");
        Assert.Equal(StatusCodes.Status401Unauthorized, (await login.SendAsync(new Callback("", callback.Cookie), "/secret")).StatusCode);
    }

    private static string Filler(char character, int length) => new(character, length);

    private static string ChangeLast(string value) => value[..^1] + (value[^1] == 'A' ? 'B' : 'A');

    private sealed record Callback(string Query, string? Cookie);

    /// <summary>A login started by a browser of its own, with the state from the provider URL and the binding cookie it got.</summary>
    private sealed class StartedLogin(OAuthTestApp app, string state, string binding)
    {
        public OAuthTestApp App { get; } = app;

        public string State { get; } = state;

        public string Binding { get; } = binding;

        public static async Task<StartedLogin> StartAsync(OAuthTestApp app)
        {
            var browser = app.CreateBrowser();
            var state = await OAuthTestApp.StartLoginAsync(browser);
            return new StartedLogin(app, state, browser.Cookies[BindingCookieName]);
        }

        public Callback Valid() => new($"code={GoodCode}&state={State}", $"{BindingCookieName}={Binding}");

        public Task<HostileResponse> SendAsync(Callback callback, string path = "/auth") =>
            HostileResponse.SendAsync(App.App.GetTestServer(), request =>
            {
                request.QueryString = callback.Query.Length == 0 ? QueryString.Empty : new QueryString("?" + callback.Query);
                if (callback.Cookie is not null)
                {
                    request.Headers.Cookie = callback.Cookie;
                }
            }, path: path);
    }
}
