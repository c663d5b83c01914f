using System.Net;
using System.Text.Json;

namespace AsfQuart.Tests.Jwt;

public sealed class JwtClaimMappingTests
{
    [Fact]
    public async Task Claims_map_to_session()
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), claims: claims =>
        {
            claims["sub"] = "roleaccountthing";
            claims["scope"] = "scopeA  scopeB";
            claims["roleaccount"] = true;
            claims["name"] = "Role Account Thing";
            claims["pmcs"] = new[] { "httpd", "tomcat" };
            claims["team"] = 42;
        });

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var session = body.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("roleaccountthing", session.GetProperty("uid").GetString());
        Assert.True(session.GetProperty("isRoleAccount").GetBoolean());
        Assert.Equal(["scopeA", "scopeB"], session.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.Equal(["httpd", "tomcat"], session.GetProperty("committees").EnumerateArray().Select(committee => committee.GetString()));
        Assert.Equal("Role Account Thing", session.GetProperty("fullName").GetString());
        Assert.Equal("42", session.GetProperty("team").GetString());
    }

    [Fact]
    public async Task Scp_array_maps_to_scopes()
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), claims: claims => claims["scp"] = new[] { "admin", "read" });

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(["admin", "read"], body.RootElement.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.False(body.RootElement.GetProperty("isRoleAccount").GetBoolean());
    }

    [Fact]
    public async Task Role_account_claim_is_configurable()
    {
        await using var app = await JwtTestKeys.StartAppAsync(options => options.RoleAccountClaim = "svc");
        var token = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), claims: claims =>
        {
            claims["svc"] = "true";
            claims["roleaccount"] = true;
        });

        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", token));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.True(body.RootElement.GetProperty("isRoleAccount").GetBoolean());
    }

    [Fact]
    public async Task Scope_gates_endpoint()
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var withScope = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), claims: claims => claims["scope"] = "read admin");
        var withoutScope = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), claims: claims => claims["scope"] = "read");
        var withScpArray = JwtTestKeys.CreateToken(app.Time.GetUtcNow(), claims: claims => claims["scp"] = new[] { "admin" });

        var allowed = await app.Client.SendAsync(JwtTestKeys.Get("/admin", withScope));
        var denied = await app.Client.SendAsync(JwtTestKeys.Get("/admin", withoutScope));
        var allowedByScp = await app.Client.SendAsync(JwtTestKeys.Get("/admin", withScpArray));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("This resource requires the scope 'admin'.\n", await denied.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, allowedByScp.StatusCode);
    }
}
