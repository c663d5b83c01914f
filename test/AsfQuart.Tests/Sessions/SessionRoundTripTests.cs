using System.Net;
using System.Text.Json;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AsfQuart.Tests.Sessions;

/// <summary>Read, change, write and read again: every field and every metadata value survives the cookie.</summary>
public sealed class SessionRoundTripTests
{
    private Session? _seen;

    private void Map(WebApplication app)
    {
        app.MapGet("/read", (Session session) =>
        {
            _seen = session;
            return "ok";
        });

        app.MapPost("/change", async (HttpContext context) =>
        {
            var session = await context.ReadAsfSessionAsync();
            context.WriteAsfSession(session! with { FullName = "Changed Name" });
            return "changed";
        });

        app.MapPost("/add-metadata", async (HttpContext context) =>
        {
            var session = await context.ReadAsfSessionAsync();
            context.WriteAsfSession(session!.WithMetadata("added", JsonDocument.Parse("{\"n\":1.50}").RootElement));
            return "added";
        });
    }

    [Fact]
    public async Task Cookie_keeps_every_field_and_metadata_value()
    {
        await using var app = await TestApp.StartAsync(Map);

        var response = await app.GetAsync("/read", ("Cookie", app.CookieFor(TestSessions.Full)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        SessionAssert.SameContent(TestSessions.Full, _seen);
    }

    [Fact]
    public async Task Read_change_write_read_keeps_everything_else()
    {
        await using var app = await TestApp.StartAsync(Map);
        var jar = CookieJar.FromHeader(app.CookieFor(TestSessions.Full));

        var change = await app.SendAsync(HttpMethod.Post, "/change", ("Cookie", jar.Header));
        jar.Apply(change);
        var read = await app.GetAsync("/read", ("Cookie", jar.Header));

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        SessionAssert.SameContent(TestSessions.Full with { FullName = "Changed Name" }, _seen);
        Assert.True(_seen!.IsRoleAccount);
        Assert.Equal(["httpd", "tomcat"], _seen.Committees.AsEnumerable());
    }

    [Fact]
    public async Task Metadata_added_by_handler_survives()
    {
        await using var app = await TestApp.StartAsync(Map);
        var jar = CookieJar.FromHeader(app.CookieFor(TestSessions.Full));

        jar.Apply(await app.SendAsync(HttpMethod.Post, "/add-metadata", ("Cookie", jar.Header)));
        await app.GetAsync("/read", ("Cookie", jar.Header));

        Assert.NotNull(_seen);
        Assert.Equal("{\"n\":1.50}", _seen.Metadata["added"].GetRawText());
        Assert.Equal(TestSessions.Full.Metadata.Count + 1, _seen.Metadata.Count);
    }

    [Theory]
    [MemberData(nameof(MetadataCases))]
    public async Task Metadata_value_keeps_its_json_text(string key, string json)
    {
        await using var app = await TestApp.StartAsync(Map);
        var session = TestSessions.Committer.WithMetadata(key, JsonDocument.Parse(json).RootElement);

        await app.GetAsync("/read", ("Cookie", app.CookieFor(session)));

        Assert.NotNull(_seen);
        var value = _seen.Metadata[key];
        Assert.Equal(JsonDocument.Parse(json).RootElement.ValueKind, value.ValueKind);
        Assert.Equal(json, value.GetRawText());
    }

    public static TheoryData<string, string> MetadataCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (key, json) in TestSessions.MetadataJson)
        {
            data.Add(key, json);
        }

        return data;
    }

    [Fact]
    public async Task Unicode_metadata_string_keeps_its_value()
    {
        await using var app = await TestApp.StartAsync(Map);
        var session = TestSessions.Committer.WithMetadata("name", "h\u00e9llo \u2603 \U0001F600 \"quoted\" \\ </script>");

        await app.GetAsync("/read", ("Cookie", app.CookieFor(session)));

        Assert.Equal("h\u00e9llo \u2603 \U0001F600 \"quoted\" \\ </script>", _seen!.Metadata["name"].GetString());
    }

    [Fact]
    public async Task Default_email_is_derived_from_uid()
    {
        await using var app = await TestApp.StartAsync(Map);

        await app.GetAsync("/read", ("Cookie", app.CookieFor(TestSessions.Committer)));

        Assert.Equal("jdoe@apache.org", _seen!.Email);
        Assert.Equal(SessionSource.Cookie, _seen.Source);
    }
}
