using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AsfQuart.Tests.Jwt;

public sealed class JwtTokenIssuerTests
{
    private static Task<Infrastructure.TestApp> StartIssuingAppAsync() =>
        JwtTestKeys.StartAppAsync(options => options.IssuingCredentials = new SigningCredentials(JwtTestKeys.EcDsa, SecurityAlgorithms.EcdsaSha256));

    [Fact]
    public async Task Issued_token_has_standard_claims()
    {
        await using var app = await StartIssuingAppAsync();
        var issuer = app.Services.GetRequiredService<JwtTokenIssuer>();
        var now = app.Time.GetUtcNow();

        var issued = issuer.Issue(new Session { Uid = "jdoe" }, TimeSpan.FromMinutes(15));
        var jwt = new JsonWebToken(issued.Token);

        Assert.Equal("jdoe", jwt.Subject);
        Assert.Equal(issued.TokenId, jwt.Id);
        Assert.Equal(JwtTestKeys.Issuer, jwt.Issuer);
        Assert.Equal([JwtTestKeys.Audience], jwt.Audiences);
        Assert.Equal(now.ToUnixTimeSeconds(), new DateTimeOffset(jwt.IssuedAt).ToUnixTimeSeconds());
        Assert.Equal(now.ToUnixTimeSeconds() + 900, new DateTimeOffset(jwt.ValidTo).ToUnixTimeSeconds());
        Assert.Equal(issued.ExpiresAt, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        Assert.Equal("ES256", jwt.Alg);
        Assert.Equal("ec-1", jwt.Kid);
        Assert.DoesNotContain(issued.Token, issued.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_ids_are_unique()
    {
        await using var app = await StartIssuingAppAsync();
        var issuer = app.Services.GetRequiredService<JwtTokenIssuer>();

        var ids = Enumerable.Range(0, 100).Select(_ => issuer.Issue(new Session { Uid = "jdoe" }).TokenId).ToHashSet();

        Assert.Equal(100, ids.Count);
    }

    [Fact]
    public async Task Issued_token_round_trips_session()
    {
        await using var app = await StartIssuingAppAsync();
        var issuer = app.Services.GetRequiredService<JwtTokenIssuer>();
        var session = new Session
        {
            Uid = "roleaccountthing",
            FullName = "Role Account Thing",
            Committees = ["httpd", "tomcat"],
            IsRoleAccount = true,
        }.WithScopes("admin", "read").WithMetadata("team", "infra");

        var issued = issuer.Issue(session);
        var response = await app.Client.SendAsync(JwtTestKeys.Get("/me", issued.Token));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var mapped = body.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("roleaccountthing", mapped.GetProperty("uid").GetString());
        Assert.True(mapped.GetProperty("isRoleAccount").GetBoolean());
        Assert.Equal(["admin", "read"], mapped.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.Equal(["httpd", "tomcat"], mapped.GetProperty("committees").EnumerateArray().Select(committee => committee.GetString()));
        Assert.Equal("\"infra\"", mapped.GetProperty("team").GetString());
    }

    [Fact]
    public async Task Issued_token_expires_and_can_be_revoked()
    {
        await using var app = await StartIssuingAppAsync();
        var issuer = app.Services.GetRequiredService<JwtTokenIssuer>();
        var shortLived = issuer.Issue(new Session { Uid = "jdoe" }, TimeSpan.FromMinutes(5));
        var revoked = issuer.Issue(new Session { Uid = "jdoe" });

        var revokedBefore = await app.Client.SendAsync(JwtTestKeys.Get("/me", revoked.Token));
        await app.Services.GetRequiredService<JwtRevocationList>().RevokeAsync(revoked.TokenId, revoked.ExpiresAt);
        var revokedAfter = await app.Client.SendAsync(JwtTestKeys.Get("/me", revoked.Token));
        app.Time.Advance(TimeSpan.FromMinutes(7));
        var expired = await app.Client.SendAsync(JwtTestKeys.Get("/me", shortLived.Token));

        Assert.Equal(HttpStatusCode.OK, revokedBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revokedAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task Issuing_without_credentials_fails()
    {
        await using var app = await JwtTestKeys.StartAppAsync();
        var issuer = app.Services.GetRequiredService<JwtTokenIssuer>();

        var exception = Assert.Throws<InvalidOperationException>(() => issuer.Issue(new Session { Uid = "jdoe" }));

        Assert.Contains("IssuingCredentials", exception.Message, StringComparison.Ordinal);
    }
}
