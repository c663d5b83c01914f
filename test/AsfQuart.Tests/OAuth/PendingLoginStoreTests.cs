using System.Net;
using System.Text;
using AsfQuart.Tests.OAuth.Infrastructure;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AsfQuart.Tests.OAuth;

public sealed class PendingLoginStoreTests : IAsyncLifetime
{
    private FakeAsfProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _provider = await FakeAsfProvider.StartAsync();
        _provider.AddCode("code-jdoe", AsfTokenResponses.JaneDoe);
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task Login_flood_stays_within_bound()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider, configure: options => options.MaxPendingLogins = 50);
        var store = Assert.IsType<InMemoryPendingLoginStore>(app.App.Services.GetRequiredService<IPendingLoginStore>());
        var browser = app.CreateBrowser();

        var states = new List<string>();
        for (var i = 0; i < 500; i++)
        {
            states.Add(await OAuthTestApp.StartLoginAsync(browser));
        }

        Assert.Equal(50, store.Count);
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Level == LogLevel.Warning && record.Message.Contains("is full at 50", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/auth?code=code-jdoe&state={states[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/auth?code=code-jdoe&state={states[^1]}")).StatusCode);
    }

    [Fact]
    public async Task Expired_logins_leave_store()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var store = Assert.IsType<InMemoryPendingLoginStore>(app.App.Services.GetRequiredService<IPendingLoginStore>());
        var browser = app.CreateBrowser();
        for (var i = 0; i < 10; i++)
        {
            await OAuthTestApp.StartLoginAsync(browser);
        }

        app.Time.Advance(TimeSpan.FromSeconds(901));
        await OAuthTestApp.StartLoginAsync(browser);

        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task Callback_removes_login_from_store()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider);
        var store = Assert.IsType<InMemoryPendingLoginStore>(app.App.Services.GetRequiredService<IPendingLoginStore>());
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);

        await browser.GetAsync($"/auth?code=code-jdoe&state={state}");

        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Memory_distributed_cache_uses_bounded_store()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider, configureServices: services => services.AddDistributedMemoryCache());

        Assert.IsType<InMemoryPendingLoginStore>(app.App.Services.GetRequiredService<IPendingLoginStore>());
    }

    [Fact]
    public async Task Registered_distributed_cache_holds_logins()
    {
        var cache = new SharedDistributedCache();
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider, configureServices: services => services.AddSingleton<IDistributedCache>(cache));
        var state = await OAuthTestApp.StartLoginAsync(app.CreateBrowser());

        var key = Assert.Single(cache.Keys);
        var stored = Encoding.UTF8.GetString(cache.Get(key)!);

        Assert.IsType<DistributedPendingLoginStore>(app.App.Services.GetRequiredService<IPendingLoginStore>());
        Assert.StartsWith("asfquart:oauth:state:", key, StringComparison.Ordinal);
        Assert.DoesNotContain(state, key, StringComparison.Ordinal);
        Assert.DoesNotContain(state, stored, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(900), cache.EntryOptions[key].AbsoluteExpirationRelativeToNow);
    }

    [Fact]
    public async Task Callback_succeeds_on_other_instance()
    {
        var cache = new SharedDistributedCache();
        await using var first = await OAuthTestApp.StartWithAsfAsync(_provider, configureServices: services => services.AddSingleton<IDistributedCache>(cache));
        await using var second = await OAuthTestApp.StartWithAsfAsync(_provider, configureServices: services => services.AddSingleton<IDistributedCache>(cache));
        var onFirst = first.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(onFirst);
        var onSecond = second.CreateBrowser();
        foreach (var cookie in onFirst.Cookies)
        {
            onSecond.SetCookie(cookie.Key, cookie.Value);
        }

        var callback = await onSecond.GetAsync($"/auth?code=code-jdoe&state={state}");
        var replay = await onFirst.GetAsync($"/auth?code=code-jdoe&state={state}");

        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/auth")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        Assert.Empty(cache.Keys);
    }

    [Fact]
    public async Task Unreachable_cache_is_503()
    {
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider, configureServices: services => services.AddSingleton<IDistributedCache>(new UnreachableDistributedCache()));
        var browser = app.CreateBrowser();

        var start = await browser.GetAsync("/auth?login");
        var callback = await browser.GetAsync("/auth?code=code-jdoe&state=" + new string('a', 43));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, start.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, callback.StatusCode);
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Level == LogLevel.Error && record.Message.Contains("pending logins failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Distributed_login_expires_by_clock()
    {
        var cache = new SharedDistributedCache();
        await using var app = await OAuthTestApp.StartWithAsfAsync(_provider, configureServices: services => services.AddSingleton<IDistributedCache>(cache));
        var browser = app.CreateBrowser();
        var state = await OAuthTestApp.StartLoginAsync(browser);

        app.Time.Advance(TimeSpan.FromSeconds(901));
        var response = await browser.GetAsync($"/auth?code=code-jdoe&state={state}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
