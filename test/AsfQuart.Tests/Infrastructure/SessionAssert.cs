namespace AsfQuart.Tests.Infrastructure;

public static class SessionAssert
{
    /// <summary>Asserts that two sessions have the same user, roles and metadata, each metadata value with the same JSON text.</summary>
    public static void SameContent(Session expected, Session? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Uid, actual.Uid);
        Assert.Equal(expected.Dn, actual.Dn);
        Assert.Equal(expected.FullName, actual.FullName);
        Assert.Equal(expected.Email, actual.Email);
        Assert.Equal(expected.IsMember, actual.IsMember);
        Assert.Equal(expected.IsChair, actual.IsChair);
        Assert.Equal(expected.IsRoot, actual.IsRoot);
        Assert.Equal(expected.Committees.AsEnumerable(), actual.Committees.AsEnumerable());
        Assert.Equal(expected.Projects.AsEnumerable(), actual.Projects.AsEnumerable());
        Assert.Equal(expected.Mfa, actual.Mfa);
        Assert.Equal(expected.IsRoleAccount, actual.IsRoleAccount);
        Assert.Equal(expected.Metadata.Keys.Order(StringComparer.Ordinal), actual.Metadata.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in expected.Metadata)
        {
            Assert.Equal(value.ValueKind, actual.Metadata[key].ValueKind);
            Assert.Equal(value.GetRawText(), actual.Metadata[key].GetRawText());
        }
    }
}
