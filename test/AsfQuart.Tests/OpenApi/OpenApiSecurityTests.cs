using System.Net;
using System.Text.Json;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;

namespace AsfQuart.Tests.OpenApi;

public sealed class OpenApiSecurityTests
{
    private static readonly string[] AllSchemes = [AsfQuartSecuritySchemes.Cookie, AsfQuartSecuritySchemes.Bearer, AsfQuartSecuritySchemes.Basic];

    private static void Map(WebApplication app)
    {
        app.MapOpenApi();

        var api = app.MapGroup("/api").RequireAsfSession();
        api.MapGet("/me", (Session session) => session.Uid);
        api.MapPost("/notes", (Session session, Note note) => note.Text);
        api.MapPost("/admin", (Session session) => "ok").RequireScope("admin");
        api.MapGet("/either", (Session session) => "ok").RequireAnyScope("read", "write");

        app.MapGet("/board", (Session session) => "ok").RequireAsfSession(Requirements.Member);
        app.MapGet("/mixed", (Session session) => "ok")
            .RequireAsfSession(allOf: [Requirements.MfaEnabled], anyOf: [Requirements.Member, Requirements.Chair]);
        app.MapGet("/optional", (Session? session) => session?.Uid ?? "anonymous");
        app.MapGet("/public", () => "hello").WithDescription("A public page.");
    }

    private static Task<TestApp> StartAsync(bool tokensAndBasic) =>
        TestApp.StartAsync(
            Map,
            options =>
            {
                if (tokensAndBasic)
                {
                    options.UseTokenHandler(_ => null);
                }
            },
            services =>
            {
                services.AddOpenApi(options => options.AddAsfQuartSecurity());
                if (tokensAndBasic)
                {
                    services.AddSingleton<IBasicAuthenticator, RejectingBasicAuthenticator>();
                }
            });

    private static async Task<JsonElement> ReadDocumentAsync(TestApp app)
    {
        var response = await app.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static List<string> SchemesOf(JsonElement operation) =>
        [.. operation.GetProperty("security").EnumerateArray().SelectMany(requirement => requirement.EnumerateObject().Select(scheme => scheme.Name))];

    [Fact]
    public async Task Cookie_scheme_is_always_on()
    {
        await using var app = await StartAsync(tokensAndBasic: false);

        var document = await ReadDocumentAsync(app);
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var cookie = schemes.GetProperty(AsfQuartSecuritySchemes.Cookie);

        Assert.Equal([AsfQuartSecuritySchemes.Cookie], schemes.EnumerateObject().Select(scheme => scheme.Name));
        Assert.Equal("apiKey", cookie.GetProperty("type").GetString());
        Assert.Equal("cookie", cookie.GetProperty("in").GetString());
        Assert.Equal("__Host-refapp", cookie.GetProperty("name").GetString());
        Assert.Equal([AsfQuartSecuritySchemes.Cookie], SchemesOf(Operation(document, "/api/me", "get")));
    }

    [Fact]
    public async Task Bearer_and_basic_follow_configuration()
    {
        await using var app = await StartAsync(tokensAndBasic: true);

        var document = await ReadDocumentAsync(app);
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var bearer = schemes.GetProperty(AsfQuartSecuritySchemes.Bearer);
        var basic = schemes.GetProperty(AsfQuartSecuritySchemes.Basic);

        Assert.Equal(AllSchemes, schemes.EnumerateObject().Select(scheme => scheme.Name));
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.False(bearer.TryGetProperty("bearerFormat", out _));
        Assert.Equal("http", basic.GetProperty("type").GetString());
        Assert.Equal("basic", basic.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Cookie_name_follows_options()
    {
        await using var app = await TestApp.StartAsync(
            Map,
            options =>
            {
                options.CookieName = "my_session";
                options.SecureCookie = false;
            },
            services => services.AddOpenApi(options => options.AddAsfQuartSecurity()));

        var document = await ReadDocumentAsync(app);
        var cookie = document.GetProperty("components").GetProperty("securitySchemes").GetProperty(AsfQuartSecuritySchemes.Cookie);

        Assert.Equal("my_session", cookie.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Group_endpoint_is_documented()
    {
        await using var app = await StartAsync(tokensAndBasic: true);

        var document = await ReadDocumentAsync(app);
        var operation = Operation(document, "/api/me", "get");
        var responses = operation.GetProperty("responses");

        // Each scheme is its own requirement object: any one of them grants access.
        Assert.Equal(3, operation.GetProperty("security").GetArrayLength());
        Assert.Equal(AllSchemes, SchemesOf(operation));
        Assert.True(responses.TryGetProperty("200", out _));
        Assert.StartsWith("Unauthorized", responses.GetProperty("401").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Forbidden", responses.GetProperty("403").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Requires an AsfQuart session.", operation.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Single_endpoint_lists_requirements()
    {
        await using var app = await StartAsync(tokensAndBasic: false);

        var document = await ReadDocumentAsync(app);
        var board = Operation(document, "/board", "get");
        var mixed = Operation(document, "/mixed", "get");

        Assert.Equal([AsfQuartSecuritySchemes.Cookie], SchemesOf(board));
        Assert.True(board.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(board.GetProperty("responses").TryGetProperty("403", out _));
        Assert.Equal("Requires an AsfQuart session.\n\n- Requirements, all of: `member`.", board.GetProperty("description").GetString());
        Assert.Equal(
            "Requires an AsfQuart session.\n\n- Requirements, all of: `mfa`.\n- Requirements, one of: `member`, `chair`.",
            mixed.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Scopes_appear_in_description()
    {
        await using var app = await StartAsync(tokensAndBasic: true);

        var document = await ReadDocumentAsync(app);
        var admin = Operation(document, "/api/admin", "post");
        var either = Operation(document, "/api/either", "get");

        Assert.Equal("Requires an AsfQuart session.\n\n- Scopes, all of: `admin`.", admin.GetProperty("description").GetString());
        Assert.Equal("Requires an AsfQuart session.\n\n- Scopes, one of: `read`, `write`.", either.GetProperty("description").GetString());
        Assert.Equal(AllSchemes, SchemesOf(admin));
    }

    [Fact]
    public async Task Unprotected_endpoint_is_unchanged()
    {
        await using var app = await StartAsync(tokensAndBasic: true);

        var document = await ReadDocumentAsync(app);
        var operation = Operation(document, "/public", "get");
        var optional = Operation(document, "/optional", "get");

        Assert.False(operation.TryGetProperty("security", out _));
        Assert.False(operation.GetProperty("responses").TryGetProperty("401", out _));
        Assert.False(operation.GetProperty("responses").TryGetProperty("403", out _));
        Assert.Equal("A public page.", operation.GetProperty("description").GetString());
        Assert.False(optional.TryGetProperty("security", out _));
        Assert.False(document.TryGetProperty("security", out _));
    }

    [Fact]
    public async Task Session_parameter_is_not_documented()
    {
        await using var app = await StartAsync(tokensAndBasic: false);

        var document = await ReadDocumentAsync(app);
        var me = Operation(document, "/api/me", "get");
        var optional = Operation(document, "/optional", "get");
        var notes = Operation(document, "/api/notes", "post");
        var noteSchema = notes.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");

        Assert.False(me.TryGetProperty("parameters", out _));
        Assert.False(me.TryGetProperty("requestBody", out _));
        Assert.False(optional.TryGetProperty("parameters", out _));
        Assert.False(optional.TryGetProperty("requestBody", out _));
        Assert.False(notes.TryGetProperty("parameters", out _));
        Assert.Equal("#/components/schemas/Note", noteSchema.GetProperty("$ref").GetString());
        Assert.False(document.GetProperty("components").GetProperty("schemas").TryGetProperty("Session", out _));
    }

    [Fact]
    public async Task Document_transformer_is_idempotent()
    {
        await using var app = await StartAsync(tokensAndBasic: true);

        var first = await ReadDocumentAsync(app);
        var second = await ReadDocumentAsync(app);

        Assert.Equal(SchemesOf(Operation(first, "/api/me", "get")), SchemesOf(Operation(second, "/api/me", "get")));
        Assert.Equal(
            Operation(first, "/board", "get").GetProperty("description").GetString(),
            Operation(second, "/board", "get").GetProperty("description").GetString());
    }

    public sealed record Note(string Text);

    private sealed class RejectingBasicAuthenticator : IBasicAuthenticator
    {
        public ValueTask<Session?> AuthenticateAsync(string userId, string password, CancellationToken cancellationToken) => ValueTask.FromResult<Session?>(null);
    }
}
