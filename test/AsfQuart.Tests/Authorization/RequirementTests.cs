using System.Net;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace AsfQuart.Tests.Authorization;

/// <summary>Built-in and custom requirements, allOf and anyOf, and requirements from groups and endpoints together.</summary>
public sealed class RequirementTests
{
    private static readonly Requirement NamedJ = new("uid-starts-with-j", session => session.Uid.StartsWith('j'), "Only users whose id starts with j may enter.");

    private static readonly Session Nobody = new() { Uid = "nobody" };

    private static void Map(WebApplication app)
    {
        app.MapGet("/committer", () => "ok").RequireAsfSession(Requirements.Committer);
        app.MapGet("/member", () => "ok").RequireAsfSession(Requirements.Member);
        app.MapGet("/pmc", () => "ok").RequireAsfSession(Requirements.PmcMember);
        app.MapGet("/chair", () => "ok").RequireAsfSession(Requirements.Chair);
        app.MapGet("/root", () => "ok").RequireAsfSession(Requirements.Root);
        app.MapGet("/mfa", () => "ok").RequireAsfSession(Requirements.MfaEnabled);
        app.MapGet("/role", () => "ok").RequireAsfSession(Requirements.RoleAccount);
        app.MapGet("/committee/httpd", () => "ok").RequireAsfSession(Requirements.CommitteeMember("httpd"));
        app.MapGet("/project/kafka", () => "ok").RequireAsfSession(Requirements.ProjectCommitter("kafka"));
        app.MapGet("/custom", () => "ok").RequireAsfSession(NamedJ);

        app.MapGet("/all", () => "ok").RequireAsfSession(Requirements.Member, Requirements.Chair, Requirements.MfaEnabled);
        app.MapGet("/any", () => "ok").RequireAsfSession([], [Requirements.Member, Requirements.Chair]);
        app.MapGet("/any-one", () => "ok").RequireAsfSession([], [Requirements.Root]);
        app.MapGet("/both", () => "ok").RequireAsfSession([Requirements.MfaEnabled], [Requirements.Member, Requirements.Chair]);

        var board = app.MapGroup("/board").RequireAsfSession(Requirements.Member);
        board.MapGet("/minutes", () => "ok");
        board.MapGet("/chairs", () => "ok").RequireAsfSession(Requirements.Chair);

        app.MapGet("/scope-all", () => "ok").RequireScope("scopeA", "scopeB");
        app.MapGet("/scope-admin", () => "ok").RequireScope("admin");
        app.MapGet("/scope-any", () => "ok").RequireAnyScope("admin", "scopeB");
        app.MapGet("/scope-any-missing", () => "ok").RequireAnyScope("admin", "write");
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(TestApp app, string path, Session session)
    {
        var response = await app.GetAsync(path, ("Cookie", app.CookieFor(session)));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string> BuiltInCases() => new()
    {
        { "/member", "This resource requires ASF membership.\n" },
        { "/pmc", "This resource requires membership of a project management committee.\n" },
        { "/chair", "This resource requires a committee chair.\n" },
        { "/root", "This resource requires infrastructure root access.\n" },
        { "/mfa", "This resource requires a login with multi-factor authentication.\n" },
        { "/role", "This resource requires a role account.\n" },
        { "/committee/httpd", "This resource requires membership of the httpd committee.\n" },
        { "/project/kafka", "This resource requires commit access to the kafka project.\n" },
        { "/custom", "Only users whose id starts with j may enter.\n" },
    };

    [Theory]
    [MemberData(nameof(BuiltInCases))]
    public async Task Unmet_requirement_is_403_with_its_message(string path, string message)
    {
        await using var app = await TestApp.StartAsync(Map);

        var (status, body) = await GetAsync(app, path, Nobody);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(message, body);
    }

    [Theory]
    [InlineData("/committer")]
    [InlineData("/member")]
    [InlineData("/pmc")]
    [InlineData("/chair")]
    [InlineData("/root")]
    [InlineData("/mfa")]
    [InlineData("/role")]
    [InlineData("/committee/httpd")]
    [InlineData("/project/kafka")]
    [InlineData("/custom")]
    public async Task Met_requirement_is_200(string path)
    {
        await using var app = await TestApp.StartAsync(Map);
        var everything = new Session
        {
            Uid = "jall",
            IsMember = true,
            IsChair = true,
            IsRoot = true,
            Mfa = true,
            IsRoleAccount = true,
            Committees = ["httpd"],
            Projects = ["kafka"],
        };

        var (status, _) = await GetAsync(app, path, everything);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Committer_requirement_accepts_any_session()
    {
        await using var app = await TestApp.StartAsync(Map);

        var (status, _) = await GetAsync(app, "/committer", Nobody);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task All_of_collects_every_failure()
    {
        await using var app = await TestApp.StartAsync(Map);

        var (status, body) = await GetAsync(app, "/all", Nobody);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(
            "This resource requires ASF membership.\nThis resource requires a committee chair.\nThis resource requires a login with multi-factor authentication.\n",
            body);
    }

    [Fact]
    public async Task All_of_lists_only_unmet_requirements()
    {
        await using var app = await TestApp.StartAsync(Map);

        var (status, body) = await GetAsync(app, "/all", Nobody with { IsChair = true });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("This resource requires ASF membership.\nThis resource requires a login with multi-factor authentication.\n", body);
    }

    [Theory]
    [InlineData(true, false, HttpStatusCode.OK)]
    [InlineData(false, true, HttpStatusCode.OK)]
    [InlineData(true, true, HttpStatusCode.OK)]
    [InlineData(false, false, HttpStatusCode.Forbidden)]
    public async Task Any_of_needs_one(bool member, bool chair, HttpStatusCode expected)
    {
        await using var app = await TestApp.StartAsync(Map);

        var (status, body) = await GetAsync(app, "/any", Nobody with { IsMember = member, IsChair = chair });

        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal(
                "This resource requires one of the following:\n- This resource requires ASF membership.\n- This resource requires a committee chair.\n",
                body);
        }
    }

    [Fact]
    public async Task Any_of_with_one_requirement_uses_its_message()
    {
        await using var app = await TestApp.StartAsync(Map);

        var (status, body) = await GetAsync(app, "/any-one", Nobody);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("This resource requires infrastructure root access.\n", body);
    }

    [Theory]
    [InlineData(true, true, false, HttpStatusCode.OK)]
    [InlineData(true, false, true, HttpStatusCode.OK)]
    [InlineData(false, true, true, HttpStatusCode.Forbidden)]
    [InlineData(true, false, false, HttpStatusCode.Forbidden)]
    [InlineData(false, false, false, HttpStatusCode.Forbidden)]
    public async Task All_of_and_any_of_must_both_pass(bool mfa, bool member, bool chair, HttpStatusCode expected)
    {
        await using var app = await TestApp.StartAsync(Map);

        var (status, _) = await GetAsync(app, "/both", Nobody with { Mfa = mfa, IsMember = member, IsChair = chair });

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task All_of_and_any_of_failures_are_joined()
    {
        await using var app = await TestApp.StartAsync(Map);

        var (_, body) = await GetAsync(app, "/both", Nobody);

        Assert.Equal(
            "This resource requires a login with multi-factor authentication.\nThis resource requires one of the following:\n- This resource requires ASF membership.\n- This resource requires a committee chair.\n",
            body);
    }

    [Theory]
    [InlineData("/board/minutes", false, false, HttpStatusCode.Forbidden)]
    [InlineData("/board/minutes", true, false, HttpStatusCode.OK)]
    [InlineData("/board/chairs", true, false, HttpStatusCode.Forbidden)]
    [InlineData("/board/chairs", false, true, HttpStatusCode.Forbidden)]
    [InlineData("/board/chairs", true, true, HttpStatusCode.OK)]
    public async Task Group_and_endpoint_requirements_both_apply(string path, bool member, bool chair, HttpStatusCode expected)
    {
        await using var app = await TestApp.StartAsync(Map);

        var (status, _) = await GetAsync(app, path, Nobody with { IsMember = member, IsChair = chair });

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task Group_and_endpoint_failures_are_joined()
    {
        await using var app = await TestApp.StartAsync(Map);

        var (_, body) = await GetAsync(app, "/board/chairs", Nobody);

        Assert.Equal("This resource requires ASF membership.\nThis resource requires a committee chair.\n", body);
    }

    [Theory]
    [InlineData("/scope-all", HttpStatusCode.OK, "")]
    [InlineData("/scope-admin", HttpStatusCode.Forbidden, "This resource requires the scope 'admin'.\n")]
    [InlineData("/scope-any", HttpStatusCode.OK, "")]
    [InlineData("/scope-any-missing", HttpStatusCode.Forbidden, "This resource requires one of the following:\n- This resource requires the scope 'admin'.\n- This resource requires the scope 'write'.\n")]
    public async Task Scope_requirements_read_metadata(string path, HttpStatusCode expected, string message)
    {
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(_ => TestSessions.RoleAccount));

        var response = await app.GetAsync(path, ("Authorization", "Bearer token"));

        Assert.Equal(expected, response.StatusCode);
        if (message.Length > 0)
        {
            Assert.Equal(message, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Single_string_scope_counts_as_one_scope()
    {
        await using var app = await TestApp.StartAsync(Map);
        var session = Nobody.WithMetadata("scope", "admin");

        var (status, _) = await GetAsync(app, "/scope-admin", session);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public void Requirement_rejects_empty_name_and_message()
    {
        Assert.Throws<ArgumentException>(() => new Requirement("", _ => true, "message"));
        Assert.Throws<ArgumentException>(() => new Requirement("name", _ => true, " "));
        Assert.Throws<ArgumentNullException>(() => new Requirement("name", null!, "message"));
    }
}
