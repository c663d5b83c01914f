using System.Net;
using System.Text.Json;
using AsfQuart.Testing;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using PersonalAccessTokens;

namespace AsfQuart.Tests.Examples;

/// <summary>The access table of the reference application, run against the PersonalAccessTokens example on TestHost.</summary>
public sealed class PersonalAccessTokensTests : IAsyncLifetime
{
    private const string Token = TestSessions.RoleToken;

    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = PersonalAccessTokensApp.Build([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration["AsfQuart:InMemoryKeys"] = "true";
        });
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task<HttpResponseMessage> GetAsync(string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return _client.SendAsync(request);
    }

    [Fact]
    public async Task Secret_with_token_returns_session()
    {
        var response = await GetAsync("/secret", ("Authorization", "Bearer " + Token));
        using var session = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("roleaccountthing", session.RootElement.GetProperty("uid").GetString());
        Assert.Equal(["httpd", "tomcat"], session.RootElement.GetProperty("committees").EnumerateArray().Select(value => value.GetString()));
        Assert.True(session.RootElement.GetProperty("isRoleAccount").GetBoolean());
        Assert.Equal("[\"scopeA\",\"scopeB\"]", session.RootElement.GetProperty("metadata").GetProperty("scope").GetRawText());
        Assert.Equal("Token", session.RootElement.GetProperty("source").GetString());
    }

    [Theory]
    [InlineData("bearer ")]
    [InlineData("BEARER ")]
    [InlineData("Bearer    ")]
    public async Task Secret_accepts_any_bearer_spelling(string prefix)
    {
        var response = await GetAsync("/secret", ("Authorization", prefix + Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Secret_without_credentials_redirects_browser()
    {
        var response = await GetAsync("/secret?a=1&b=2", ("Accept", "text/html"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/auth?login=%2Fsecret%3Fa%3D1%26b%3D2", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Secret_with_no_redirect_header_is_401()
    {
        var response = await GetAsync("/secret?a=1&b=2", ("Accept", "text/html"), ("X-No-Redirect", "1"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Secret_for_json_client_is_problem_details()
    {
        var response = await GetAsync("/secret?a=1&b=2", ("Accept", "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_token_is_401_never_redirect()
    {
        var response = await GetAsync("/secret", ("Authorization", "Bearer not-a-real-token"), ("Accept", "text/html"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Unknown_scheme_is_401()
    {
        var response = await GetAsync("/secret", ("Authorization", "Digest username=\"roleaccountthing\""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Role_with_role_token_is_200()
    {
        var response = await GetAsync("/role", ("Authorization", "Bearer " + Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, role account roleaccountthing.\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Role_with_cookie_of_person_is_403()
    {
        var response = await GetAsync("/role", ("Cookie", _app.Services.CreateSessionCookieHeader(TestSessions.Member)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("This resource requires a role account.\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Member_with_role_token_is_403_naming_membership()
    {
        var response = await GetAsync("/member", ("Authorization", "Bearer " + Token));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("This resource requires ASF membership.\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Member_with_member_cookie_is_200()
    {
        var response = await GetAsync("/member", ("Cookie", _app.Services.CreateSessionCookieHeader(TestSessions.Member)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Scoped_without_admin_scope_is_403()
    {
        var response = await GetAsync("/scoped", ("Authorization", "Bearer " + Token));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("This endpoint requires the admin scope.\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Scoped_with_admin_scope_is_200()
    {
        var admin = TestSessions.Committer.WithScopes("admin");

        var response = await GetAsync("/scoped", ("Cookie", _app.Services.CreateSessionCookieHeader(admin)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Scope_a_endpoint_checks_scope()
    {
        var withScope = await GetAsync("/scope-a", ("Authorization", "Bearer " + Token));
        var withoutScope = await GetAsync("/scope-a", ("Cookie", _app.Services.CreateSessionCookieHeader(TestSessions.Committer)));

        Assert.Equal(HttpStatusCode.OK, withScope.StatusCode);
        Assert.Equal("[\"scopeA\",\"scopeB\"]", await withScope.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, withoutScope.StatusCode);
    }

    [Fact]
    public async Task Expired_cookie_falls_back_to_token()
    {
        var old = TestSessions.Member with { CreatedAt = DateTimeOffset.UtcNow.AddDays(-30), LastAccessedAt = DateTimeOffset.UtcNow.AddDays(-8) };

        var response = await GetAsync("/secret", ("Cookie", _app.Services.CreateSessionCookieHeader(old)), ("Authorization", "Bearer " + Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"uid\":\"roleaccountthing\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_page_is_public()
    {
        var response = await GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
