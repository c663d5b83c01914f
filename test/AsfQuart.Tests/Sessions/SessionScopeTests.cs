using System.Text.Json;

namespace AsfQuart.Tests.Sessions;

/// <summary>The scope helpers read <c>Metadata["scope"]</c>: an array of strings, or one string that is one scope.</summary>
public sealed class SessionScopeTests
{
    private static readonly Session User = new() { Uid = "jdoe" };

    private static Session WithScopeJson(string json) => User.WithMetadata("scope", JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Array_of_strings_gives_every_scope()
    {
        var session = User.WithScopes("read", "write");

        Assert.Equal(["read", "write"], session.Scopes);
        Assert.True(session.HasScope("read"));
        Assert.True(session.HasAllScopes("read", "write"));
        Assert.True(session.HasAnyScope("admin", "write"));
        Assert.False(session.HasAnyScope("admin"));
        Assert.False(session.HasAllScopes("read", "admin"));
    }

    [Fact]
    public void Single_string_is_one_scope()
    {
        var session = WithScopeJson("\"read write\"");

        Assert.Equal(["read write"], session.Scopes);
        Assert.False(session.HasScope("read"));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{\"read\":true}")]
    public void Other_json_types_give_no_scope(string json)
    {
        var session = WithScopeJson(json);

        Assert.Empty(session.Scopes);
        Assert.False(session.HasAnyScope("read"));
    }

    [Fact]
    public void Non_string_array_items_are_skipped()
    {
        var session = WithScopeJson("[\"read\",1,null,[\"write\"],\"admin\"]");

        Assert.Equal(["read", "admin"], session.Scopes);
    }

    [Fact]
    public void Scopes_compare_ordinally()
    {
        var session = User.WithScopes("Read");

        Assert.False(session.HasScope("read"));
        Assert.True(session.HasScope("Read"));
    }

    [Fact]
    public void Missing_scope_key_gives_no_scope()
    {
        Assert.Empty(User.Scopes);
        Assert.True(User.HasAllScopes());
        Assert.False(User.HasAnyScope());
    }

    [Fact]
    public void Default_json_element_is_rejected()
    {
        var exception = Assert.Throws<ArgumentException>(() => User.WithMetadata("scope", default(JsonElement)));

        Assert.Contains("default(JsonElement)", exception.Message, StringComparison.Ordinal);
    }
}
