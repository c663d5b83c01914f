using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AsfQuart.Tests.Infrastructure;
using AsfQuart.Tests.Ldap;

namespace AsfQuart.Tests.Attacks;

/// <summary>
/// Sends hostile Basic credentials through a real app to a real slapd on 127.0.0.1, and checks each
/// gets a plain 4xx, and that no password reaches the logs.
/// </summary>
public sealed class LdapAttackTests(SlapdFixture slapd) : IClassFixture<SlapdFixture>
{
    private static readonly string JanePassword = LdapTestDirectory.Jane.Password;

    /// <summary>User ids and passwords that must not log anyone in.</summary>
    public static TheoryData<string, string> HostileCredentials { get; } = new()
    {
        { "jdoe", "" },
        { "jdoe", " " },
        { "jdoe", JanePassword + "\0" },
        { "jdoe", "\0" },
        { "jdoe", "\0" + JanePassword },
        { "jdoe", JanePassword[..5] + "\0" + JanePassword[5..] },
        { "jdoe", JanePassword + " " },
        { "jdoe", JanePassword.ToUpperInvariant() },
        { "jdoe", new string('p', 100_000) },
        { "", JanePassword },
        { new string('u', 300), JanePassword },
        { "jdoe\0", JanePassword },
        { "jdoe\0admin", JanePassword },
        { "uid=jdoe", JanePassword },
        { "jdoe\\", JanePassword },
        { "\\6a\\64\\6f\\65", JanePassword },
        { "cn=admin,dc=example,dc=org", SlapdServer.RootPassword },
        { "admin", SlapdServer.RootPassword },
        { "jdoe+cn=x", JanePassword },
        { "#jdoe", JanePassword },
        { "jdoe\r\nuid: root", JanePassword },
        { "\ud800", JanePassword },
    };

    [Theory]
    [MemberData(nameof(HostileCredentials))]
    public async Task Hostile_credentials_get_4xx(string userId, string password)
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server);

        var response = await app.Client.SendAsync(LdapTestApp.BasicRequest(userId, password));

        await HostileResponses.AssertRejectedPlainlyAsync(response);
        AssertLogsOmit(app, password);
    }

    /// <summary>User ids with spaces that LDAP matching would ignore, so they would bind as jdoe.</summary>
    public static TheoryData<string> OtherSpellingsOfJane { get; } = new()
    {
        " jdoe",
        "jdoe ",
        "  jdoe  ",
    };

    [Theory]
    [MemberData(nameof(OtherSpellingsOfJane))]
    public async Task Padded_user_id_gets_401(string userId)
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server);

        var response = await app.Client.SendAsync(LdapTestApp.BasicRequest(userId, JanePassword));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await HostileResponses.AssertRejectedPlainlyAsync(response);
    }

    [Fact]
    public async Task Padded_user_id_cannot_skip_rate_limit()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server, options =>
        {
            options.FailedAttemptsPerUser = 3;
            options.FailedAttemptsPerAddress = 1000;
        });

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await app.Client.SendAsync(LdapTestApp.BasicRequest("jdoe", "wrong-password"));
        }

        var padded = await app.Client.SendAsync(LdapTestApp.BasicRequest(" jdoe ", JanePassword));

        Assert.NotEqual(HttpStatusCode.OK, padded.StatusCode);
    }

    [Fact]
    public async Task Basic_token_of_64_kilobytes_is_4xx()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes("jdoe:" + new string('x', 48_000)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);

        var response = await app.Client.SendAsync(request);

        await HostileResponses.AssertRejectedPlainlyAsync(response);
    }

    private static void AssertLogsOmit(TestApp app, string password)
    {
        if (password.Trim().Length < 6)
        {
            return;
        }

        var logs = app.Logs.GetSnapshot().Select(record => record.Message + " " + record.Exception).ToList();
        Assert.DoesNotContain(logs, line => line.Contains(password, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(JanePassword, StringComparison.Ordinal));
    }
}
