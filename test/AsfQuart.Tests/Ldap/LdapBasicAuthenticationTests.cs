using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AsfQuart.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AsfQuart.Tests.Ldap;

public sealed class LdapBasicAuthenticationTests(SlapdFixture slapd) : IClassFixture<SlapdFixture>
{
    [Fact]
    public async Task Right_password_gets_session_with_groups()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server);

        var response = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane));
        var session = await ReadSessionAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("jdoe", session.GetProperty("uid").GetString());
        Assert.Equal(LdapTestDirectory.UserDn("jdoe"), session.GetProperty("dn").GetString());
        Assert.Equal("Jane Doe", session.GetProperty("fullName").GetString());
        Assert.Equal("jane@example.org", session.GetProperty("email").GetString());
        Assert.Equal(["httpd"], Strings(session.GetProperty("committees")));
        Assert.Equal(["httpd", "tomcat"], Strings(session.GetProperty("projects")));
        Assert.True(session.GetProperty("isMember").GetBoolean());
        Assert.True(session.GetProperty("isChair").GetBoolean());
        Assert.False(session.GetProperty("isRoot").GetBoolean());
        Assert.Equal("Basic", session.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Root_flag_comes_from_root_group()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server);

        var response = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Root));
        var session = await ReadSessionAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(session.GetProperty("isRoot").GetBoolean());
        Assert.False(session.GetProperty("isMember").GetBoolean());
        Assert.Empty(Strings(session.GetProperty("projects")));
        Assert.Equal("rroot@apache.org", session.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Wrong_password_gets_401()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server);

        var response = await app.Client.SendAsync(LdapTestApp.BasicRequest("jdoe", "wrong horse"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Basic");
        Assert.DoesNotContain(app.Logs.GetSnapshot(), record => record.Message.Contains("wrong horse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_user_gets_401()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server);

        var response = await app.Client.SendAsync(LdapTestApp.BasicRequest("nobody", "whatever"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Colon_in_password_is_accepted()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server);

        var response = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Colon));
        var session = await ReadSessionAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("colon", session.GetProperty("uid").GetString());
        Assert.Equal(["httpd"], Strings(session.GetProperty("projects")));
        Assert.Empty(Strings(session.GetProperty("committees")));
    }

    [Fact]
    public async Task Non_ascii_user_and_password_are_accepted()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server);

        var response = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Zoe));
        var session = await ReadSessionAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("zoë", session.GetProperty("uid").GetString());
        Assert.Equal("Zoë Ünïcode", session.GetProperty("fullName").GetString());
        Assert.Equal(["zeta"], Strings(session.GetProperty("committees")));
        Assert.Equal(["zeta"], Strings(session.GetProperty("projects")));
    }

    [Theory]
    [InlineData("jdoe,ou=people")]
    [InlineData("*")]
    [InlineData("jdoe)(uid=*")]
    [InlineData("\u0001jdoe")]
    public async Task User_id_with_dn_or_filter_syntax_gets_401(string userId)
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server);

        var response = await app.Client.SendAsync(LdapTestApp.BasicRequest(userId, LdapTestDirectory.Jane.Password));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Disabled_account_gets_401()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server);

        var response = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Disabled));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Malformed_credentials_get_400()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "bm8tY29sb24taGVyZQ==");

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The Basic credentials have no colon between user id and password.\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Basic_switched_off_gets_401_with_message()
    {
        await using var app = await TestApp.StartAsync(web => web.MapGet("/api/me", (Session session) => session).RequireAsfSession());

        var response = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("This application does not accept Basic authentication.\n", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Basic");
    }

    [Fact]
    public async Task Cached_groups_still_check_password()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server);
        using var lookups = Collector(app, LdapMetrics.LookupsInstrument);
        using var binds = Collector(app, LdapMetrics.BindsInstrument);

        var first = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane));
        var second = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane));
        var wrong = await app.Client.SendAsync(LdapTestApp.BasicRequest("jdoe", "wrong horse"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(1, lookups.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(3, binds.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task Cache_expires_after_its_duration()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server, options => options.AffiliationCacheDuration = TimeSpan.FromMinutes(10));
        using var lookups = Collector(app, LdapMetrics.LookupsInstrument);

        await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane));
        app.Time.Advance(TimeSpan.FromMinutes(9));
        await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane));
        app.Time.Advance(TimeSpan.FromMinutes(2));
        var response = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, lookups.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task Concurrent_first_requests_search_once()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server);
        using var lookups = Collector(app, LdapMetrics.LookupsInstrument);
        using var binds = Collector(app, LdapMetrics.BindsInstrument);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane))));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(1, lookups.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(8, binds.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    private static MetricCollector<long> Collector(TestApp app, string instrument) =>
        new(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), AsfQuartMetrics.MeterName, instrument);

    private static async Task<JsonElement> ReadSessionAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Status {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(element => element.GetString() ?? "").ToArray();
}
