using System.Net;
using AsfQuart.Tests.OAuth.Infrastructure;

namespace AsfQuart.Tests.OAuth;

public sealed class RedirectTargetTests : IAsyncLifetime
{
    private FakeAsfProvider _provider = null!;
    private OAuthTestApp _app = null!;

    // Each is the decoded value of ?login= or ?logout=; the tests escape it into the query.
    public static TheoryData<string> HostileTargets { get; } = new()
    {
        "//evil.example",
        "//evil.example/path",
        "///evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "\\/evil.example",
        "/a\\b",
        "https://evil.example",
        "HTTPS://evil.example",
        "http://evil.example/dash",
        "HtTp://evil.example",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "evil.example",
        "dash",
        "./dash",
        "../dash",
        "?x=1",
        "#fragment",
        " /dash",
        "/dash page",
        "/dash\tx",
        "\t/dash",
        "/\t/evil.example",
        "/dash\r\nSet-Cookie: x=1",
        "/dash\nLocation: https://evil.example",
        "/dash\r",
        "/dash\0",
        "/dash\u007f",
        "/dash\u0085",
        "/d\u00e4sh",
        "/%2F%2Fevil.example",
        "/%2f%2fevil.example",
        "/%5Cevil.example",
        "/%5cevil.example",
        "/%252F%252Fevil.example",
        "/%25252F%25252Fevil.example",
        "/dash%0D%0ASet-Cookie:%20x=1",
        "/dash%0aLocation:evil",
        "/dash%09x",
        "/dash%00",
        "/dash%5Cx",
        "/%2F/evil.example",
        "/" + new string('a', 2048),
    };

    public static TheoryData<string> LocalTargets { get; } = new()
    {
        "/",
        "/dash",
        "/dash?a=1&b=2",
        "/dash/sub/page.html",
        "/dash?next=%2Fother",
        "/d%C3%A4sh",
        "/dash#section",
        "/dash;param",
        "/a%2Fb",
        "/" + new string('a', 2047),
    };

    public async Task InitializeAsync()
    {
        _provider = await FakeAsfProvider.StartAsync();
        _app = await OAuthTestApp.StartWithAsfAsync(_provider);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public void Hostile_table_has_at_least_30_targets()
    {
        Assert.True(HostileTargets.Count >= 30);
    }

    [Theory]
    [MemberData(nameof(HostileTargets))]
    public async Task Login_with_hostile_target_is_400(string target)
    {
        var response = await _app.CreateBrowser().GetAsync("/auth?login=" + Uri.EscapeDataString(target));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("local path", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileTargets))]
    public async Task Logout_with_hostile_target_is_400(string target)
    {
        var response = await _app.CreateBrowser().GetAsync("/auth?logout=" + Uri.EscapeDataString(target));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.False(response.Headers.Contains("Clear-Site-Data"));
    }

    [Theory]
    [MemberData(nameof(HostileTargets))]
    public void Hostile_target_is_not_local(string target)
    {
        Assert.False(LocalRedirectTarget.IsLocal(target));
    }

    [Theory]
    [InlineData("/auth?login=//evil.example")]
    [InlineData("/auth?login=/\\evil.example")]
    [InlineData("/auth?login=/%2F%2Fevil.example")]
    [InlineData("/auth?login=/%252F%252Fevil.example")]
    [InlineData("/auth?login=https:%2F%2Fevil.example")]
    [InlineData("/auth?login=%2F%2Fevil.example")]
    public async Task Unescaped_hostile_query_is_400(string url)
    {
        var response = await _app.CreateBrowser().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Repeated_target_is_400()
    {
        var login = await _app.CreateBrowser().GetAsync("/auth?login=/a&login=/b");
        var logout = await _app.CreateBrowser().GetAsync("/auth?logout=/a&logout=/b");

        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
    }

    [Theory]
    [MemberData(nameof(LocalTargets))]
    public async Task Local_target_is_accepted(string target)
    {
        var response = await _app.CreateBrowser().GetAsync("/auth?login=" + Uri.EscapeDataString(target));

        Assert.True(LocalRedirectTarget.IsLocal(target));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }
}
