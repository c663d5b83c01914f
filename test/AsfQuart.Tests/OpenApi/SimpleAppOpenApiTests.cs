using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SimpleApp;

namespace AsfQuart.Tests.OpenApi;

public sealed class SimpleAppOpenApiTests
{
    [Fact]
    public async Task SimpleApp_serves_openapi_document()
    {
        await using var app = SimpleApplication.Build([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Services.Configure<AsfQuartOptions>(options => options.InMemoryKeys = true);
        });
        await app.StartAsync();
        using var client = app.GetTestClient();

        var response = await client.GetAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        var cookie = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty(AsfQuartSecuritySchemes.Cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("__Host-simple_app", cookie.GetProperty("name").GetString());
        Assert.True(paths.GetProperty("/secret").GetProperty("get").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/").GetProperty("get").TryGetProperty("security", out _));
        await app.StopAsync();
    }
}
