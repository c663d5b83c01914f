using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AsfQuart.BrowserTests;

public sealed class LoginFlowTests : IAsyncLifetime
{
    private SimpleAppServer _server = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _server = await SimpleAppServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Login_reload_and_logout()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var secret = new Uri(_server.BaseUrl, "/secret?x=1").AbsoluteUri;

        await page.GotoAsync(secret);
        Assert.Matches(new Regex("/auth/development\\?state=[A-Za-z0-9_-]{43}$"), page.Url);

        await page.GetByRole(AriaRole.Link, new() { Name = "jdoe", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(secret);
        Assert.Contains("\"uid\":\"jdoe\"", await page.ContentAsync(), StringComparison.Ordinal);

        var sessionCookie = (await context.CookiesAsync()).Single(cookie => cookie.Name == "__Host-simple_app");
        Assert.Equal(SameSiteAttribute.Strict, sessionCookie.SameSite);
        Assert.True(sessionCookie.HttpOnly);
        Assert.DoesNotContain(await context.CookiesAsync(), cookie => cookie.Name == "__Host-simple_app-login");

        await page.ReloadAsync();
        Assert.Equal(secret, page.Url);
        Assert.Contains("\"uid\":\"jdoe\"", await page.ContentAsync(), StringComparison.Ordinal);

        await page.GotoAsync(_server.BaseUrl.AbsoluteUri);
        Assert.Contains("Hello, Jane Doe.", await page.ContentAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync(_server.BaseUrl.AbsoluteUri);
        Assert.Contains("You are not logged in.", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await context.CookiesAsync());

        await page.GotoAsync(secret);
        Assert.Contains("/auth/development?state=", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_link_shows_text()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_server.BaseUrl, "/auth?login=/secret").AbsoluteUri);
        await page.GetByRole(AriaRole.Link, new() { Name = "mmember", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Uri(_server.BaseUrl, "/secret").AbsoluteUri);

        var response = await page.GotoAsync(new Uri(_server.BaseUrl, "/auth?logout").AbsoluteUri);

        Assert.Equal(200, response!.Status);
        Assert.Contains("You are logged out.", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await context.CookiesAsync());
    }
}
