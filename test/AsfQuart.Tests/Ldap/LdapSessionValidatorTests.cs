using System.Net;

namespace AsfQuart.Tests.Ldap;

public sealed class LdapSessionValidatorTests(SlapdFixture slapd) : IClassFixture<SlapdFixture>
{
    private static readonly TimeSpan ValidationInterval = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Disabled_account_loses_cookie_session()
    {
        await using var app = await StartAsync(slapd.Server);
        var cookie = app.CookieFor(new Session { Uid = LdapTestDirectory.Disabled.Uid });

        var before = await app.Client.SendAsync(CookieRequest(cookie));
        app.Time.Advance(ValidationInterval);
        var after = await app.Client.SendAsync(CookieRequest(cookie));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains(after.Headers.GetValues("Set-Cookie"), value => value.StartsWith("__Host-refapp=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_account_loses_cookie_session()
    {
        await using var app = await StartAsync(slapd.Server);
        var cookie = app.CookieFor(new Session { Uid = "ghost" });

        app.Time.Advance(ValidationInterval);
        var response = await app.Client.SendAsync(CookieRequest(cookie));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Active_account_keeps_cookie_session()
    {
        await using var app = await StartAsync(slapd.Server);
        var cookie = app.CookieFor(new Session { Uid = LdapTestDirectory.Jane.Uid });

        app.Time.Advance(ValidationInterval);
        var response = await app.Client.SendAsync(CookieRequest(cookie));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Account_outside_required_group_loses_session()
    {
        await using var app = await StartAsync(slapd.Server, options => options.ActiveAccountGroup = LdapTestDirectory.MemberGroup);
        var member = app.CookieFor(new Session { Uid = LdapTestDirectory.Jane.Uid });
        var other = app.CookieFor(new Session { Uid = LdapTestDirectory.Colon.Uid });

        app.Time.Advance(ValidationInterval);
        var memberResponse = await app.Client.SendAsync(CookieRequest(member));
        var otherResponse = await app.Client.SendAsync(CookieRequest(other));

        Assert.Equal(HttpStatusCode.OK, memberResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherResponse.StatusCode);
    }

    [Fact]
    public async Task Unreachable_directory_keeps_session()
    {
        await using var server = await SlapdServer.StartAsync();
        await server.AddAsync(LdapTestDirectory.Ldif());
        await using var app = await StartAsync(server);
        var cookie = app.CookieFor(new Session { Uid = LdapTestDirectory.Disabled.Uid });
        await server.StopAsync();

        app.Time.Advance(ValidationInterval);
        var response = await app.Client.SendAsync(CookieRequest(cookie));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Message.Contains("could not reach its service", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_service_password_keeps_session()
    {
        await using var app = await StartAsync(slapd.Server, options => options.ServiceBindPassword = "not-the-password");
        var cookie = app.CookieFor(new Session { Uid = LdapTestDirectory.Disabled.Uid });

        app.Time.Advance(ValidationInterval);
        var response = await app.Client.SendAsync(CookieRequest(cookie));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(app.Logs.GetSnapshot(), record => record.Message.Contains("not-the-password", StringComparison.Ordinal));
    }

    private static Task<Infrastructure.TestApp> StartAsync(SlapdServer server, Action<LdapOptions>? configure = null) =>
        LdapTestApp.StartAsync(server, configure, options => options.ValidationInterval = ValidationInterval, validateSessions: true);

    private static HttpRequestMessage CookieRequest(string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie);
        return request;
    }
}
