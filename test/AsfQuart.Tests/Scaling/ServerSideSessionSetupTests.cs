using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsfQuart.Tests.Scaling;

public sealed class ServerSideSessionSetupTests
{
    [Fact]
    public async Task Start_fails_without_distributed_cache()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Services.AddAsfQuart(options =>
        {
            options.AppId = "refapp";
            options.InMemoryKeys = true;
        });
        builder.Services.AddAsfQuartServerSideSessions();
        await using var app = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("need an IDistributedCache or an IConnectionMultiplexer", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_fails_with_zero_timeout()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddAsfQuartServerSideSessions(options => options.OperationTimeout = TimeSpan.Zero);
        builder.Services.AddAsfQuart(options =>
        {
            options.AppId = "refapp";
            options.InMemoryKeys = true;
        });
        await using var app = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("OperationTimeout must be positive", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_replaces_default_in_either_order()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddAsfQuartServerSideSessions();
        builder.Services.AddAsfQuart(options =>
        {
            options.AppId = "refapp";
            options.InMemoryKeys = true;
        });
        await using var app = builder.Build();

        Assert.IsType<ServerSideSessionStore>(app.Services.GetRequiredService<ISessionCookieStore>());
    }

    [Fact]
    public async Task Memory_cache_selects_distributed_cache_store()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddAsfQuartServerSideSessions();
        builder.Services.AddAsfQuart(options =>
        {
            options.AppId = "refapp";
            options.InMemoryKeys = true;
        });
        await using var app = builder.Build();

        Assert.IsType<ServerSideSessionCache>(app.Services.GetRequiredService<IServerSideSessionCache>());
    }

    [Fact]
    public async Task Multiplexer_without_cache_selects_redis_store()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.EndPoint);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(connection);
        builder.Services.AddAsfQuartServerSideSessions();
        builder.Services.AddAsfQuart(options =>
        {
            options.AppId = "refapp";
            options.InMemoryKeys = true;
        });
        await using var app = builder.Build();
        app.MapPost("/login", (HttpContext context) =>
        {
            context.SignInAsfSession(new Session { Uid = "jdoe" });
            return Results.Ok();
        });
        app.MapGet("/me", (Session session) => session.Uid).RequireAsfSession();
        await app.StartAsync();
        var client = app.GetTestClient();

        using var login = await client.PostAsync("/login", null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Add("Cookie", ScaleInstance.SessionCookie(login));
        using var me = await client.SendAsync(request);

        Assert.IsType<RedisServerSideSessionCache>(app.Services.GetRequiredService<IServerSideSessionCache>());
        Assert.Equal(System.Net.HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("jdoe", await me.Content.ReadAsStringAsync());
        Assert.Contains((await redis.ReadAllAsync()).Keys, key => key.StartsWith("asfquart:refapp:redis:s:", StringComparison.Ordinal));
    }
}
