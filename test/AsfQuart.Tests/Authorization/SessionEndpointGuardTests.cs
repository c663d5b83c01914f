using System.Net;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AsfQuart.Tests.Authorization;

/// <summary>The guard protects every kind of endpoint: single, in groups, in nested groups, and plain request delegates.</summary>
public sealed class SessionEndpointGuardTests
{
    private static void Map(WebApplication app)
    {
        app.MapGet("/single", () => "single").RequireAsfSession();
        app.MapGet("/open", () => "open");
        app.MapGet("/delegate", (RequestDelegate)(context => context.Response.WriteAsync("delegate"))).RequireAsfSession();

        var group = app.MapGroup("/group").RequireAsfSession();
        group.MapGet("/handler", () => "handler");
        group.MapGet("/delegate", (RequestDelegate)(context => context.Response.WriteAsync("group delegate")));
        group.MapPost("/post", () => "posted");

        var outer = app.MapGroup("/outer").RequireAsfSession(Requirements.PmcMember);
        var inner = outer.MapGroup("/inner").RequireAsfSession(Requirements.Member);
        inner.MapGet("/page", () => "inner").RequireAsfSession(Requirements.Chair);
        outer.MapGet("/page", () => "outer");

        var unprotectedParent = app.MapGroup("/parent");
        unprotectedParent.MapGet("/open", () => "open child");
        unprotectedParent.MapGroup("/child").RequireAsfSession().MapGet("/page", () => "protected child");

        app.MapGet("/filtered", () => "filtered")
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers["X-Filter-Ran"] = "yes";
                return await next(context);
            })
            .RequireAsfSession();
    }

    [Theory]
    [InlineData("GET", "/single")]
    [InlineData("GET", "/delegate")]
    [InlineData("GET", "/group/handler")]
    [InlineData("GET", "/group/delegate")]
    [InlineData("POST", "/group/post")]
    [InlineData("GET", "/outer/page")]
    [InlineData("GET", "/outer/inner/page")]
    [InlineData("GET", "/parent/child/page")]
    [InlineData("GET", "/filtered")]
    public async Task Protected_endpoint_without_session_is_401(string method, string path)
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.SendAsync(new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Filter-Ran"));
    }

    [Theory]
    [InlineData("GET", "/single", "single")]
    [InlineData("GET", "/delegate", "delegate")]
    [InlineData("GET", "/group/handler", "handler")]
    [InlineData("GET", "/group/delegate", "group delegate")]
    [InlineData("POST", "/group/post", "posted")]
    [InlineData("GET", "/outer/page", "outer")]
    [InlineData("GET", "/parent/child/page", "protected child")]
    [InlineData("GET", "/filtered", "filtered")]
    public async Task Protected_endpoint_with_session_runs(string method, string path, string body)
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.SendAsync(new HttpMethod(method), path, ("Cookie", app.CookieFor(TestSessions.Committer)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/open", "open")]
    [InlineData("/parent/open", "open child")]
    public async Task Unprotected_endpoint_stays_open(string path, string body)
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Nested_groups_collect_every_requirement()
    {
        await using var app = await TestApp.StartAsync(Map);
        var nobody = new Session { Uid = "nobody" };

        var denied = await app.GetAsync("/outer/inner/page", ("Cookie", app.CookieFor(nobody)));
        var allowed = await app.GetAsync("/outer/inner/page", ("Cookie", app.CookieFor(nobody with { Committees = ["httpd"], IsMember = true, IsChair = true })));

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(
            "This resource requires membership of a project management committee.\nThis resource requires ASF membership.\nThis resource requires a committee chair.\n",
            await denied.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Endpoint_is_wrapped_once()
    {
        await using var app = await TestApp.StartAsync(Map);

        var endpoint = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Single(endpoint => endpoint.RoutePattern.RawText == "/outer/inner/page");

        Assert.Equal(3, endpoint.Metadata.GetOrderedMetadata<SessionRequirementMetadata>().Count);
    }
}
