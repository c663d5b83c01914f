using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AsfQuart.BrowserTests;

public sealed class LoginFlowTests : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private SimpleAppServer? _server;

    private IBrowser Browser => _browser!;

    private SimpleAppServer Server => _server!;

    // Chromium first: when it is missing, the test fails before a server is started.
    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
        _server = await SimpleAppServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Login_reload_and_logout()
    {
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var secret = new Uri(Server.BaseUrl, "/secret?x=1").AbsoluteUri;

        await page.GotoAsync(secret);
        Assert.Matches(new Regex("/auth/development\\?state=[A-Za-z0-9_-]{43}$"), page.Url);

        await page.GetByRole(AriaRole.Link, new() { Name = "jdoe", Exact = true }).ClickAsync();
        await WaitForUrlAsync(page, secret);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("\"uid\":\"jdoe\"");

        var sessionCookie = (await context.CookiesAsync()).Single(cookie => cookie.Name == "__Host-simple_app");
        Assert.Equal(SameSiteAttribute.Strict, sessionCookie.SameSite);
        Assert.True(sessionCookie.HttpOnly);
        Assert.DoesNotContain(await context.CookiesAsync(), cookie => cookie.Name == "__Host-simple_app-login");

        await page.ReloadAsync();
        Assert.Equal(secret, page.Url);
        Assert.Contains("\"uid\":\"jdoe\"", await page.ContentAsync(), StringComparison.Ordinal);

        await page.GotoAsync(Server.BaseUrl.AbsoluteUri);
        Assert.Contains("Hello, Jane Doe.", await page.ContentAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await WaitForUrlAsync(page, Server.BaseUrl.AbsoluteUri);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("You are not logged in.");
        Assert.Empty(await context.CookiesAsync());

        await page.GotoAsync(secret);
        Assert.Contains("/auth/development?state=", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_link_shows_text()
    {
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Server.BaseUrl, "/auth?login=/secret").AbsoluteUri);
        await page.GetByRole(AriaRole.Link, new() { Name = "mmember", Exact = true }).ClickAsync();
        await WaitForUrlAsync(page, new Uri(Server.BaseUrl, "/secret").AbsoluteUri);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("\"uid\":\"mmember\"");

        var response = await page.GotoAsync(new Uri(Server.BaseUrl, "/auth?logout").AbsoluteUri);

        Assert.Equal(200, response!.Status);
        Assert.Contains("You are logged out.", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await context.CookiesAsync());
    }

    // Polls the page URL instead of waiting for a navigation event. With Playwright 1.64 and Debian's
    // Chromium, WaitForURLAsync sometimes misses a navigation started by a Refresh header or a 303.
    // It then times out while the page is already at the URL.
    private static async Task WaitForUrlAsync(IPage page, string url)
    {
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 10_000 });
        }
        catch (PlaywrightException)
        {
            Assert.Fail($"The browser did not reach {url}. It is on {page.Url}, showing: {await page.ContentAsync()}");
        }
    }
}
