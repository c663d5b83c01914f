using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace AsfQuart.Tests.Porting;

/// <summary>
/// The C# examples of docs/porting.md. PortingGuideTests runs them against a real TestHost
/// application, and PortingGuideDocumentTests fails when the guide no longer quotes them unchanged.
/// </summary>
public static class PortingGuideExamples
{
    #region construct
    public static WebApplication Construct(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // asfquart.construct("my_app", force_login=True)
        builder.Services.AddAsfQuart(options =>
        {
            options.AppId = "my_app";
            options.LoginRedirect = true;
            options.MaxSessionAge = TimeSpan.FromDays(30);
        });

        var app = builder.Build();
        MapSessionEndpoints(app);
        MapRequirementEndpoints(app);
        return app;
    }
    #endregion

    #region sessions
    public static void MapSessionEndpoints(IEndpointRouteBuilder app)
    {
        // session = await asfquart.session.read(); None when there is no session.
        app.MapGet("/whoami", async (HttpContext context) =>
        {
            var session = await context.ReadAsfSessionAsync();
            return session is null ? "nobody" : session.Uid;
        });

        // session = await asfquart.session.read(expiry_time=3600)
        app.MapGet("/recent", async (HttpContext context) =>
        {
            var session = await context.ReadAsfSessionAsync(idleTimeout: TimeSpan.FromHours(1));
            return session is null ? Results.Unauthorized() : Results.Text(session.Uid);
        });

        // session["foobar"] = 42; asfquart.session.write(session)
        app.MapPost("/counter", (HttpContext context, Session session) =>
        {
            var count = session.Metadata.TryGetValue("foobar", out var value) ? value.GetInt32() : 0;
            context.WriteAsfSession(session.WithMetadata("foobar", count + 1));
            return count + 1;
        }).RequireAsfSession();

        // asfquart.session.clear()
        app.MapPost("/forget", (HttpContext context) =>
        {
            context.ClearAsfSession();
            return Results.NoContent();
        });
    }
    #endregion

    #region requirements
    public static void MapRequirementEndpoints(IEndpointRouteBuilder app)
    {
        // @asfquart.auth.require
        var api = app.MapGroup("/api").RequireAsfSession();
        api.MapGet("/me", (Session session) => session);

        // @asfquart.auth.require(Requirements.member)
        app.MapGet("/members", (Session session) => "members only").RequireAsfSession(Requirements.Member);

        // @asfquart.auth.require(all_of=Requirements.mfa_enabled, any_of={Requirements.member, Requirements.chair})
        app.MapGet("/board", (Session session) => "board")
            .RequireAsfSession(allOf: [Requirements.MfaEnabled], anyOf: [Requirements.Member, Requirements.Chair]);

        // if "admin" not in session.metadata.get("scope", []): raise AuthenticationFailed(...)
        api.MapPost("/admin", (Session session) => "admin").RequireScope("admin");

        // raise asfquart.auth.AuthenticationFailed("Only the httpd PMC may do this.")
        api.MapPost("/release", (Session session) =>
        {
            if (!session.Committees.Contains("httpd"))
            {
                throw new AuthenticationFailedException("Only the httpd PMC may do this.");
            }

            return "released";
        });

        // A requirement of your own: a name for documents, a check, and the 403 message.
        var apacheEmail = new Requirement("apache-email", session => session.Email.EndsWith("@apache.org", StringComparison.Ordinal), "This endpoint needs an @apache.org address.");
        app.MapGet("/mailing-lists", (Session session) => "lists").RequireAsfSession(apacheEmail);
    }
    #endregion

    #region token-handler
    public static void UseRoleAccountTokens(AsfQuartOptions options)
    {
        // async def token_handler(token): return {"uid": ..., "roleaccount": True, "metadata": {"scope": [...]}}
        // asfquart.APP.token_handler = token_handler
        options.UseTokenHandler(token => token == "abcdefg"
            ? new Session { Uid = "roleaccountthing", IsRoleAccount = true, Committees = ["httpd", "tomcat"] }.WithScopes("scopeA", "scopeB")
            : null);
    }
    #endregion

    #region jwt
    public static void AddJwtTokens(IServiceCollection services, SecurityKey signingKey)
    {
        // No asfquart equivalent: signed JWTs as personal access tokens, issued and revoked by this application.
        services.AddAsfJwtTokens(options =>
        {
            options.Issuer = "https://my-app.apache.org";
            options.Audience = "my_app";
            options.IssuingCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.HmacSha256);
            options.ClaimMap["team"] = "team";
        });
    }

    public static void MapTokenExchange(IEndpointRouteBuilder app)
    {
        // Exchanges the caller's session (for example from a long-lived PAT) for a 15-minute JWT.
        app.MapPost("/tokens", (Session session, JwtTokenIssuer issuer) =>
        {
            var issued = issuer.Issue(session, TimeSpan.FromMinutes(15));
            return new { token = issued.Token, expires = issued.ExpiresAt };
        }).RequireAsfSession();

        app.MapDelete("/tokens/{tokenId}", async (string tokenId, DateTimeOffset expires, JwtRevocationList revocations) =>
        {
            await revocations.RevokeAsync(tokenId, expires);
            return Results.NoContent();
        }).RequireAsfSession(Requirements.Root);
    }
    #endregion

    #region metadata
    public static Session ReadMetadata(Session session)
    {
        // session.metadata["flags"] = {"beta": True}
        var withFlags = session.WithMetadata("flags", new { beta = true });

        // session.metadata.get("flags", {}).get("beta", False)
        var beta = withFlags.Metadata.TryGetValue("flags", out var flags)
            && flags.TryGetProperty("beta", out var value)
            && value.ValueKind == JsonValueKind.True;

        return beta ? withFlags : session;
    }
    #endregion
}
