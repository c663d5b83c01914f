using System.Net;
using System.Text.Json;
using AsfQuart.Tests.Infrastructure;
using AsfQuart.Tests.Jwt;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;

namespace AsfQuart.Tests.OpenApi;

public sealed class OpenApiJwtTests
{
    [Fact]
    public async Task Jwt_handler_marks_bearer_format()
    {
        await using var app = await TestApp.StartAsync(
            app =>
            {
                app.MapOpenApi();
                app.MapGet("/me", (Session session) => session.Uid).RequireAsfSession();
            },
            configureServices: services =>
            {
                services.AddOpenApi(options => options.AddAsfQuartSecurity());
                services.AddAsfJwtTokens(JwtTestKeys.Configure);
            });

        var response = await app.Client.GetAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var bearer = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty(AsfQuartSecuritySchemes.Bearer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("JWT", bearer.GetProperty("bearerFormat").GetString());
    }
}
