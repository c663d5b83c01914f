using System.Text.Json;
using AsfQuart.Tests.Infrastructure;

namespace AsfQuart.Tests.Scaling;

public sealed class ServerSideSessionMergeTests
{
    private static readonly Session Original = TestSessions.Committer
        .WithMetadata("kept", 1)
        .WithMetadata("removed", "x")
        with { CreatedAt = DateTimeOffset.FromUnixTimeSeconds(1000), LastAccessedAt = DateTimeOffset.FromUnixTimeSeconds(2000) };

    [Fact]
    public void Merge_keeps_changes_of_both_requests()
    {
        var mine = Original.WithMetadata("mine", true) with { FullName = "Jane Q. Doe" };
        var current = Original.WithMetadata("theirs", true) with { IsMember = true };

        var merged = ServerSideSessionMerge.Merge(Original, mine, current);

        Assert.True(merged.Metadata.ContainsKey("mine"));
        Assert.True(merged.Metadata.ContainsKey("theirs"));
        Assert.Equal("Jane Q. Doe", merged.FullName);
        Assert.True(merged.IsMember);
    }

    [Fact]
    public void Merge_applies_removed_metadata_key()
    {
        var mine = Original with { Metadata = Original.Metadata.Remove("removed") };

        var merged = ServerSideSessionMerge.Merge(Original, mine, Original.WithMetadata("theirs", 2));

        Assert.False(merged.Metadata.ContainsKey("removed"));
        Assert.True(merged.Metadata.ContainsKey("theirs"));
        Assert.True(merged.Metadata.ContainsKey("kept"));
    }

    [Fact]
    public void Merge_of_same_key_takes_later_write()
    {
        var mine = Original.WithMetadata("kept", 2);
        var current = Original.WithMetadata("kept", 3);

        var merged = ServerSideSessionMerge.Merge(Original, mine, current);

        Assert.Equal(2, merged.Metadata["kept"].GetInt32());
    }

    [Fact]
    public void Merge_keeps_stored_field_request_did_not_change()
    {
        var mine = Original with { Committees = ["httpd", "tomcat"] };
        var current = Original with { Projects = ["commons"], Committees = ["httpd"] };

        var merged = ServerSideSessionMerge.Merge(Original, mine, current);

        Assert.Equal(["httpd", "tomcat"], merged.Committees.ToArray());
        Assert.Equal(["commons"], merged.Projects.ToArray());
        Assert.Equal(Original.CreatedAt, merged.CreatedAt);
    }

    [Fact]
    public void Merge_takes_latest_access_time()
    {
        var mine = Original with { LastAccessedAt = Original.LastAccessedAt.AddMinutes(1) };
        var current = Original with { LastAccessedAt = Original.LastAccessedAt.AddMinutes(2) };

        var merged = ServerSideSessionMerge.Merge(Original, mine, current);

        Assert.Equal(current.LastAccessedAt, merged.LastAccessedAt);
    }

    [Fact]
    public void HasChanges_ignores_access_time_and_equal_copies()
    {
        var refreshed = Original with { LastAccessedAt = Original.LastAccessedAt.AddHours(1) };
        var equalCopy = Original with
        {
            Committees = [.. Original.Committees],
            Metadata = Original.Metadata.SetItem("kept", JsonSerializer.SerializeToElement(1)),
        };

        Assert.False(ServerSideSessionMerge.HasChanges(Original, refreshed));
        Assert.False(ServerSideSessionMerge.HasChanges(Original, equalCopy));
        Assert.True(ServerSideSessionMerge.HasChanges(Original, Original.WithMetadata("kept", 2)));
        Assert.True(ServerSideSessionMerge.HasChanges(Original, Original with { Mfa = true }));
        Assert.True(ServerSideSessionMerge.HasChanges(Original, Original with { Uid = "other" }));
    }
}
