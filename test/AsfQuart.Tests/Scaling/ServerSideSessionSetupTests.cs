using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
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

        Assert.Contains("need an IDistributedCache", exception.Message, StringComparison.Ordinal);
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
}
