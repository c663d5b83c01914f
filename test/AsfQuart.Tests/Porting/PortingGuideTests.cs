using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using AsfQuart.Testing;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace AsfQuart.Tests.Porting;

public sealed class PortingGuideTests
{
    private static void MapAll(WebApplication app)
    {
        PortingGuideExamples.MapSessionEndpoints(app);
        PortingGuideExamples.MapRequirementEndpoints(app);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? cookie = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return request;
    }

    // Turns the Set-Cookie headers of a response into the Cookie header of the next request.
    private static string NextCookie(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(value => value.Split(';')[0]));

    [Fact]
    public async Task Construct_sets_options()
    {
        await using var app = PortingGuideExamples.Construct([]);

        var options = app.Services.GetRequiredService<IOptions<AsfQuartOptions>>().Value;

        Assert.Equal("my_app", options.AppId);
        Assert.True(options.LoginRedirect);
        Assert.Equal(TimeSpan.FromDays(30), options.MaxSessionAge);
    }

    [Fact]
    public async Task Session_read_write_clear()
    {
        await using var app = await TestApp.StartAsync(MapAll);
        var cookie = app.CookieFor(TestSessions.Committer);

        var whoami = await app.Client.SendAsync(Request(HttpMethod.Get, "/whoami", cookie));
        var anonymous = await app.Client.SendAsync(Request(HttpMethod.Get, "/whoami"));
        var first = await app.Client.SendAsync(Request(HttpMethod.Post, "/counter", cookie));
        var second = await app.Client.SendAsync(Request(HttpMethod.Post, "/counter", NextCookie(first)));
        var forget = await app.Client.SendAsync(Request(HttpMethod.Post, "/forget", cookie));

        Assert.Equal("jdoe", await whoami.Content.ReadAsStringAsync());
        Assert.Equal("nobody", await anonymous.Content.ReadAsStringAsync());
        Assert.Equal("1", await first.Content.ReadAsStringAsync());
        Assert.Equal("2", await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, forget.StatusCode);
        Assert.Contains(forget.Headers.GetValues("Set-Cookie"), value => value.StartsWith("__Host-refapp=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_with_expiry_time()
    {
        await using var app = await TestApp.StartAsync(MapAll);
        var now = app.Time.GetUtcNow();
        var fresh = app.CookieFor(TestSessions.Committer);
        var idle = app.CookieFor(TestSessions.Committer with { CreatedAt = now - TimeSpan.FromHours(3), LastAccessedAt = now - TimeSpan.FromHours(2) });

        var freshResponse = await app.Client.SendAsync(Request(HttpMethod.Get, "/recent", fresh));
        var idleResponse = await app.Client.SendAsync(Request(HttpMethod.Get, "/recent", idle));

        Assert.Equal(HttpStatusCode.OK, freshResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, idleResponse.StatusCode);
    }

    [Fact]
    public async Task Requirements_all_of_any_of()
    {
        await using var app = await TestApp.StartAsync(MapAll);
        var committer = app.CookieFor(TestSessions.Committer);
        var member = app.CookieFor(TestSessions.Member);
        var memberWithMfa = app.CookieFor(TestSessions.Member with { Mfa = true });
        var chairWithMfa = app.CookieFor(TestSessions.Committer with { IsChair = true, Mfa = true });

        var membersAsCommitter = await app.Client.SendAsync(Request(HttpMethod.Get, "/members", committer));
        var membersAsMember = await app.Client.SendAsync(Request(HttpMethod.Get, "/members", member));
        var boardWithoutMfa = await app.Client.SendAsync(Request(HttpMethod.Get, "/board", member));
        var boardAsMember = await app.Client.SendAsync(Request(HttpMethod.Get, "/board", memberWithMfa));
        var boardAsChair = await app.Client.SendAsync(Request(HttpMethod.Get, "/board", chairWithMfa));
        var boardAsCommitter = await app.Client.SendAsync(Request(HttpMethod.Get, "/board", app.CookieFor(TestSessions.Committer with { Mfa = true })));

        Assert.Equal(HttpStatusCode.Forbidden, membersAsCommitter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, membersAsMember.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, boardWithoutMfa.StatusCode);
        Assert.Equal(HttpStatusCode.OK, boardAsMember.StatusCode);
        Assert.Equal(HttpStatusCode.OK, boardAsChair.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, boardAsCommitter.StatusCode);
    }

    [Fact]
    public async Task Authentication_failed_and_scopes()
    {
        await using var app = await TestApp.StartAsync(MapAll);
        var httpd = app.CookieFor(TestSessions.Committer);
        var other = app.CookieFor(TestSessions.Committer with { Committees = ["tomcat"] });
        var admin = app.CookieFor(TestSessions.Committer.WithScopes("admin"));

        var released = await app.Client.SendAsync(Request(HttpMethod.Post, "/api/release", httpd));
        var releaseDenied = await app.Client.SendAsync(Request(HttpMethod.Post, "/api/release", other));
        var adminAllowed = await app.Client.SendAsync(Request(HttpMethod.Post, "/api/admin", admin));
        var adminDenied = await app.Client.SendAsync(Request(HttpMethod.Post, "/api/admin", httpd));
        var lists = await app.Client.SendAsync(Request(HttpMethod.Get, "/mailing-lists", httpd));
        var listsDenied = await app.Client.SendAsync(Request(HttpMethod.Get, "/mailing-lists", app.CookieFor(TestSessions.Committer with { Email = "jdoe@example.org" })));

        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, releaseDenied.StatusCode);
        Assert.Equal("Only the httpd PMC may do this.\n", await releaseDenied.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, adminAllowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminDenied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lists.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, listsDenied.StatusCode);
    }

    [Fact]
    public async Task Token_handler_grants_role_account()
    {
        await using var app = await TestApp.StartAsync(MapAll, PortingGuideExamples.UseRoleAccountTokens);
        var request = Request(HttpMethod.Get, "/api/me");
        request.Headers.TryAddWithoutValidation("Authorization", "bearer abcdefg");

        var response = await app.Client.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("roleaccountthing", body.RootElement.GetProperty("uid").GetString());
        Assert.True(body.RootElement.GetProperty("isRoleAccount").GetBoolean());
    }

    [Fact]
    public async Task Token_exchange_and_revocation()
    {
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "porting" };
        await using var app = await TestApp.StartAsync(
            app =>
            {
                MapAll(app);
                PortingGuideExamples.MapTokenExchange(app);
            },
            configureServices: services => PortingGuideExamples.AddJwtTokens(services, key));

        var exchange = await app.Client.SendAsync(Request(HttpMethod.Post, "/tokens", app.CookieFor(TestSessions.Committer)));
        using var issued = JsonDocument.Parse(await exchange.Content.ReadAsStringAsync());
        var token = issued.RootElement.GetProperty("token").GetString()!;
        var expires = issued.RootElement.GetProperty("expires").GetDateTimeOffset();
        var tokenId = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Id;

        var before = Request(HttpMethod.Get, "/api/me");
        before.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        var beforeResponse = await app.Client.SendAsync(before);
        var revoke = await app.Client.SendAsync(Request(HttpMethod.Delete, $"/tokens/{tokenId}?expires={Uri.EscapeDataString(expires.ToString("O"))}", app.CookieFor(TestSessions.Committer with { IsRoot = true })));
        var after = Request(HttpMethod.Get, "/api/me");
        after.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        var afterResponse = await app.Client.SendAsync(after);

        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        Assert.Equal(app.Time.GetUtcNow() + TimeSpan.FromMinutes(15), expires);
        Assert.Equal(HttpStatusCode.OK, beforeResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterResponse.StatusCode);
    }

    [Fact]
    public void Metadata_example_sets_flags()
    {
        var session = PortingGuideExamples.ReadMetadata(TestSessions.Committer);

        Assert.True(session.Metadata["flags"].GetProperty("beta").GetBoolean());
    }

    [Fact]
    public async Task Runner_and_configuration()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AsfQuart:AppId"] = "my_app",
            ["AsfQuart:InMemoryKeys"] = "true",
            ["Mirrors:Url"] = "https://mirrors.example",
            ["Mirrors:Interval"] = "00:10:00",
        });
        builder.Services.AddSingleton<TimeProvider>(time);
        PortingGuideHosting.BindConfiguration(builder);
        PortingGuideHosting.AddRunner(builder.Services);
        await using var app = builder.Build();
        PortingGuideHosting.MapTemplatePage(app);
        await app.StartAsync();
        var refresher = app.Services.GetServices<IHostedService>().OfType<MirrorRefresher>().Single();

        await WaitUntilAsync(() => refresher.Refreshes == 1);
        time.Advance(TimeSpan.FromMinutes(10));
        await WaitUntilAsync(() => refresher.Refreshes == 2);
        var page = await app.GetTestClient().SendAsync(Request(HttpMethod.Get, "/hello", app.Services.CreateSessionCookieHeader(TestSessions.Committer with { FullName = "Jane <Doe>" })));

        Assert.Equal("my_app", app.Services.GetRequiredService<IOptions<AsfQuartOptions>>().Value.AppId);
        Assert.Equal(new Uri("https://mirrors.example"), app.Services.GetRequiredService<IOptions<MirrorOptions>>().Value.Url);
        Assert.Equal(2, refresher.Refreshes);
        Assert.Contains("Hello, Jane &lt;Doe&gt;.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Fact]
    public async Task Missing_setting_fails_at_start()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AsfQuart:AppId"] = "my_app", ["AsfQuart:InMemoryKeys"] = "true" });
        PortingGuideHosting.BindConfiguration(builder);
        await using var app = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Url", exception.Message, StringComparison.Ordinal);
    }

    // The runner works on the thread pool; this waits for it to catch up with the fake clock.
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "The background runner did not reach the expected state within 10 seconds.");
    }
}
