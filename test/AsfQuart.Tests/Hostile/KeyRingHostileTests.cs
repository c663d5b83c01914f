using System.Text.RegularExpressions;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AsfQuart.Tests.Hostile;

/// <summary>
/// Cookies checked against a persisted Data Protection key ring, which applications can share: another
/// application id, an unknown key, a revoked key, and an expired key after rotation.
/// </summary>
public sealed partial class KeyRingHostileTests : IDisposable
{
    private const string SharedCookieName = "hostile-session";

    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("asfquart-hostile-keys-");

    public void Dispose() => _keys.Delete(recursive: true);

    [Fact]
    public async Task Same_app_id_reads_shared_ring()
    {
        await using var issuer = await StartAsync("refapp", _keys);
        await using var reader = await StartAsync("refapp", _keys);
        var cookie = issuer.CookieFor(TestSessions.Member);

        var response = await SendAsync(reader, cookie);

        HostileAssert.Handled(response, reader.Logs, StatusCodes.Status200OK, ValueOf(cookie));
        Assert.Equal("uid=mmember", response.Body);
    }

    [Fact]
    public async Task Other_app_id_is_no_session()
    {
        await using var issuer = await StartAsync("otherapp", _keys);
        await using var reader = await StartAsync("refapp", _keys);
        var cookie = issuer.CookieFor(TestSessions.Member);

        var response = await SendAsync(reader, cookie);

        HostileAssert.Handled(response, reader.Logs, StatusCodes.Status401Unauthorized, [ValueOf(cookie), .. MasterKeys()]);
    }

    [Fact]
    public async Task Unknown_key_is_no_session()
    {
        var otherKeys = Directory.CreateTempSubdirectory("asfquart-hostile-other-keys-");
        try
        {
            await using var issuer = await StartAsync("refapp", otherKeys);
            await using var reader = await StartAsync("refapp", _keys);
            var cookie = issuer.CookieFor(TestSessions.Member);

            var response = await SendAsync(reader, cookie);

            HostileAssert.Handled(response, reader.Logs, StatusCodes.Status401Unauthorized, [ValueOf(cookie), .. MasterKeys()]);
        }
        finally
        {
            otherKeys.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Revoked_key_is_no_session()
    {
        string cookie;
        await using (var issuer = await StartAsync("refapp", _keys))
        {
            cookie = issuer.CookieFor(TestSessions.Member);
            Assert.Equal(StatusCodes.Status200OK, (await SendAsync(issuer, cookie)).StatusCode);
            issuer.Services.GetRequiredService<IKeyManager>().RevokeAllKeys(DateTimeOffset.UtcNow, "compromised in a test");
        }

        // A running instance picks up a revocation at its next key ring refresh, in the background;
        // an instance that starts afterwards reads it at once.
        await using var restarted = await StartAsync("refapp", _keys);
        var response = await SendAsync(restarted, cookie);

        HostileAssert.Handled(response, restarted.Logs, StatusCodes.Status401Unauthorized, [ValueOf(cookie), .. MasterKeys()]);
        var fresh = restarted.CookieFor(TestSessions.Member);
        Assert.Equal(StatusCodes.Status200OK, (await SendAsync(restarted, fresh)).StatusCode);
    }

    [Fact]
    public async Task Expired_key_still_reads_until_revoked()
    {
        string cookie;
        await using (var issuer = await StartAsync("refapp", _keys))
        {
            cookie = issuer.CookieFor(TestSessions.Member);
        }

        ExpireEveryKey();
        string rewritten;
        await using (var rotated = await StartAsync("refapp", _keys))
        {
            rotated.Time.Advance(new AsfQuartOptions().RefreshInterval);
            var refreshed = await SendAsync(rotated, cookie);

            // Data Protection keeps decrypting with an expired key, so rotation ends no session.
            // A refresh encrypts the session again under the new default key.
            HostileAssert.NoSecretLeaked(refreshed, rotated.Logs, [ValueOf(cookie), .. MasterKeys()]);
            Assert.Equal(StatusCodes.Status200OK, refreshed.StatusCode);
            rewritten = string.Join("; ", refreshed.SetCookies.Select(setCookie => setCookie.Split(';')[0]));
            Assert.StartsWith(SharedCookieName + "=", rewritten, StringComparison.Ordinal);

            var keyManager = rotated.Services.GetRequiredService<IKeyManager>();
            var expired = Assert.Single(keyManager.GetAllKeys(), key => key.ExpirationDate.Year < 2001);
            keyManager.RevokeKey(expired.KeyId, "rotated out in a test");
        }

        await using var restarted = await StartAsync("refapp", _keys);
        restarted.Time.Advance(new AsfQuartOptions().RefreshInterval);
        var old = await SendAsync(restarted, cookie);
        var current = await SendAsync(restarted, rewritten);

        HostileAssert.Handled(old, restarted.Logs, StatusCodes.Status401Unauthorized, ValueOf(cookie));
        Assert.Equal(StatusCodes.Status200OK, current.StatusCode);
        Assert.Equal("uid=mmember", current.Body);
    }

    private static async Task<TestApp> StartAsync(string appId, DirectoryInfo keys) =>
        await TestApp.StartAsync(
            app => app.MapGet("/secret", (Session session) => "uid=" + session.Uid).RequireAsfSession(),
            options =>
            {
                options.AppId = appId;
                options.InMemoryKeys = false;
                options.KeyDirectory = keys.FullName;
                options.CookieName = SharedCookieName;
            },
            services => services.AddDataProtection().SetApplicationName("asfquart-hostile"));

    private static Task<HostileResponse> SendAsync(TestApp app, string cookieHeader) =>
        HostileResponse.SendAsync(app.App.GetTestServer(), request => request.Headers.Cookie = cookieHeader);

    private static string ValueOf(string cookieHeader) => cookieHeader.Split('=', 2)[1];

    // Moves every key's activation and expiration into 1999 and 2000, as if the ring had rotated long ago.
    private void ExpireEveryKey()
    {
        foreach (var file in _keys.GetFiles("key-*.xml"))
        {
            var xml = File.ReadAllText(file.FullName);
            xml = DateElement().Replace(xml, match => $"<{match.Groups[1].Value}>{(match.Groups[1].Value == "expirationDate" ? "2000-01-01" : "1999-12-01")}T00:00:00Z</{match.Groups[1].Value}>");
            File.WriteAllText(file.FullName, xml);
        }
    }

    private string[] MasterKeys() =>
        [.. _keys.GetFiles("key-*.xml").SelectMany(file => MasterKeyValue().Matches(File.ReadAllText(file.FullName)).Select(match => match.Groups[1].Value))];

    [GeneratedRegex("<(creationDate|activationDate|expirationDate)>[^<]*</(?:creationDate|activationDate|expirationDate)>")]
    private static partial Regex DateElement();

    [GeneratedRegex("<value>([^<]+)</value>")]
    private static partial Regex MasterKeyValue();
}
