using System.Net;
using System.Text.Json;
using AsfQuart.Tests.OAuth.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;

namespace AsfQuart.Tests.OAuth;

public sealed class OpenIdConnectProviderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));
    private FakeOidcProvider _provider = null!;
    private OAuthTestApp _app = null!;

    private static Dictionary<string, object> JaneClaims => new()
    {
        ["sub"] = "jdoe",
        ["name"] = "Jane Doe",
        ["email"] = "jane@example.org",
        ["amr"] = new[] { "pwd", "mfa" },
    };

    public async Task InitializeAsync()
    {
        _provider = await FakeOidcProvider.StartAsync(_time);
        _app = await StartAppAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task Authorization_url_has_pkce_and_nonce()
    {
        var response = await _app.CreateBrowser().GetAsync("/auth?login");
        var location = response.Headers.Location!;
        var query = QueryHelpers.ParseQuery(location.Query);

        Assert.Equal(_provider.Issuer + "/authorize", location.GetLeftPart(UriPartial.Path));
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal(FakeOidcProvider.ClientId, query["client_id"].ToString());
        Assert.Equal("https://localhost/auth", query["redirect_uri"].ToString());
        Assert.Equal("openid profile email", query["scope"].ToString());
        Assert.Matches("^[A-Za-z0-9_-]{43}$", query["state"].ToString());
        Assert.Matches("^[A-Za-z0-9_-]{43}$", query["nonce"].ToString());
        Assert.Matches("^[A-Za-z0-9_-]{43}$", query["code_challenge"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.NotEqual(query["state"].ToString(), query["nonce"].ToString());
    }

    [Fact]
    public async Task Valid_id_token_signs_in()
    {
        var (callback, session) = await LogInAsync(JaneClaims);

        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.Equal("jdoe", session!.Value.GetProperty("uid").GetString());
        Assert.Equal("Jane Doe", session.Value.GetProperty("fullName").GetString());
        Assert.Equal("jane@example.org", session.Value.GetProperty("email").GetString());
        Assert.True(session.Value.GetProperty("mfa").GetBoolean());
        Assert.False(session.Value.GetProperty("isMember").GetBoolean());
    }

    [Fact]
    public async Task Token_request_carries_verifier_and_redirect()
    {
        await LogInAsync(JaneClaims);
        var request = Assert.Single(_provider.TokenRequests);

        Assert.Equal("authorization_code", request["grant_type"]);
        Assert.Equal("https://localhost/auth", request["redirect_uri"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", request["code_verifier"]);
    }

    [Fact]
    public async Task Claim_map_fills_asf_fields()
    {
        await _app.DisposeAsync();
        _app = await StartAppAsync(options =>
        {
            options.OpenIdConnect.Claims.Uid = "preferred_username";
            options.OpenIdConnect.Claims.IsMember = "asf_member";
            options.OpenIdConnect.Claims.IsChair = "asf_chair";
            options.OpenIdConnect.Claims.Committees = "groups";
            options.OpenIdConnect.Claims.Projects = "projects";
            options.OpenIdConnect.Claims.Dn = "dn";
            options.OpenIdConnect.Claims.Mfa = "mfa";
        });
        var claims = new Dictionary<string, object>
        {
            ["sub"] = "0f2c4",
            ["preferred_username"] = "mmember",
            ["asf_member"] = true,
            ["asf_chair"] = "true",
            ["groups"] = new[] { "httpd", "tomcat" },
            ["projects"] = "httpd commons",
            ["dn"] = "uid=mmember,ou=people,dc=apache,dc=org",
            ["mfa"] = false,
        };

        var (_, session) = await LogInAsync(claims);

        Assert.Equal("mmember", session!.Value.GetProperty("uid").GetString());
        Assert.True(session.Value.GetProperty("isMember").GetBoolean());
        Assert.True(session.Value.GetProperty("isChair").GetBoolean());
        Assert.Equal("tomcat", session.Value.GetProperty("committees")[1].GetString());
        Assert.Equal("commons", session.Value.GetProperty("projects")[1].GetString());
        Assert.Equal("uid=mmember,ou=people,dc=apache,dc=org", session.Value.GetProperty("dn").GetString());
        Assert.False(session.Value.GetProperty("mfa").GetBoolean());
    }

    public static TheoryData<string, IdTokenChanges> InvalidTokens { get; } = new()
    {
        { "wrong issuer", new IdTokenChanges { Issuer = "https://other.example" } },
        { "wrong audience", new IdTokenChanges { Audience = "other-client" } },
        { "expired", new IdTokenChanges { Lifetime = TimeSpan.FromMinutes(-10) } },
        { "not yet valid", new IdTokenChanges { NotBeforeOffset = TimeSpan.FromMinutes(10), Lifetime = TimeSpan.FromMinutes(20) } },
        { "other key", new IdTokenChanges { SignWithOtherKey = true } },
        { "unsigned", new IdTokenChanges { Unsigned = true } },
        { "other nonce", new IdTokenChanges { Nonce = "nonce-of-another-login-0000000000000000000" } },
    };

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task Invalid_id_token_is_403(string reason, IdTokenChanges changes)
    {
        var (callback, session) = await LogInAsync(JaneClaims, changes);

        Assert.True(callback.StatusCode == HttpStatusCode.Forbidden, $"{reason}: status {callback.StatusCode}");
        Assert.Null(session);
    }

    [Fact]
    public async Task Token_without_sub_is_403()
    {
        var (callback, _) = await LogInAsync(new Dictionary<string, object> { ["name"] = "Nobody" });

        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
        Assert.Contains("'sub'", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"access_token\":\"x\"}")]
    [InlineData("{\"id_token\":\"not.a.jwt\"}")]
    public async Task Broken_token_answer_fails_plainly(string answer)
    {
        var (callback, _) = await LogInAsync(JaneClaims, new IdTokenChanges { RawAnswer = answer });

        Assert.Contains(callback.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.BadGateway });
    }

    [Fact]
    public async Task Wrong_code_verifier_is_403()
    {
        var browser = _app.CreateBrowser();
        var start = await browser.GetAsync("/auth?login");
        var otherStart = await _app.CreateBrowser().GetAsync("/auth?login");

        // The code belongs to the other login's PKCE challenge, so this login's verifier does not match it.
        _provider.AddCode("code-1", otherStart.Headers.Location!, JaneClaims);
        var callback = await browser.GetAsync($"/auth?code=code-1&state={OAuthTestApp.StateOf(start.Headers.Location!)}");

        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
    }

    [Fact]
    public async Task Rotated_key_is_fetched_again()
    {
        await LogInAsync(JaneClaims);
        _provider.RotateKey("key-2");

        var (callback, session) = await LogInAsync(JaneClaims);

        Assert.True(callback.StatusCode == HttpStatusCode.OK, string.Join("\n", _app.LogText()));
        Assert.NotNull(session);
    }

    [Fact]
    public async Task Unreachable_discovery_is_502()
    {
        var closed = await FakeOidcProvider.StartAsync(_time);
        var closedUrl = closed.BaseUrl;
        await closed.DisposeAsync();
        await using var app = await OAuthTestApp.StartAsync(options =>
        {
            options.Provider = OAuthProviderKind.OpenIdConnect;
            options.OpenIdConnect.Authority = closedUrl;
            options.OpenIdConnect.ClientId = FakeOidcProvider.ClientId;
            options.OpenIdConnect.RequireHttps = false;
        });

        var response = await app.CreateBrowser().GetAsync("/auth?login");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task Login_logs_no_token_or_code()
    {
        await LogInAsync(JaneClaims);
        await LogInAsync(JaneClaims, new IdTokenChanges { Audience = "other-client" });
        var logs = _app.LogText().ToList();
        var verifier = _provider.TokenRequests.First()["code_verifier"];

        Assert.Contains(logs, line => line.Contains("failed validation", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains("code-oidc", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains("eyJ", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(verifier, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(FakeOidcProvider.ClientSecret, StringComparison.Ordinal));
    }

    private Task<OAuthTestApp> StartAppAsync(Action<AsfOAuthOptions>? configure = null) =>
        OAuthTestApp.StartAsync(
            options =>
            {
                options.Provider = OAuthProviderKind.OpenIdConnect;
                options.OpenIdConnect.Authority = _provider.BaseUrl;
                options.OpenIdConnect.ClientId = FakeOidcProvider.ClientId;
                options.OpenIdConnect.ClientSecret = FakeOidcProvider.ClientSecret;
                options.OpenIdConnect.RequireHttps = false;
                configure?.Invoke(options);
            },
            time: _time);

    private async Task<(HttpResponseMessage Callback, JsonElement? Session)> LogInAsync(Dictionary<string, object> claims, IdTokenChanges? changes = null)
    {
        var browser = _app.CreateBrowser();
        var start = await browser.GetAsync("/auth?login");
        Assert.Equal(HttpStatusCode.Found, start.StatusCode);
        _provider.AddCode("code-oidc", start.Headers.Location!, claims, changes);

        var callback = await browser.GetAsync($"/auth?code=code-oidc&state={OAuthTestApp.StateOf(start.Headers.Location!)}");
        var current = await browser.GetAsync("/auth");
        if (current.StatusCode != HttpStatusCode.OK)
        {
            return (callback, null);
        }

        using var json = JsonDocument.Parse(await current.Content.ReadAsStringAsync());
        return (callback, json.RootElement.Clone());
    }
}
