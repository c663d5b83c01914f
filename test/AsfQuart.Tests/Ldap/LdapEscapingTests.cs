namespace AsfQuart.Tests.Ldap;

public sealed class LdapEscapingTests
{
    [Theory]
    [InlineData("jdoe", "jdoe")]
    [InlineData("zoë", "zoë")]
    [InlineData("a,b+c", "a\\,b\\+c")]
    [InlineData("x=\"y\"", "x\\=\\\"y\\\"")]
    [InlineData("<a>;b\\", "\\<a\\>\\;b\\\\")]
    [InlineData("#lead", "\\#lead")]
    [InlineData(" both ", "\\ both\\ ")]
    [InlineData("mid#dle", "mid#dle")]
    [InlineData("emoji😀", "emoji😀")]
    public void User_id_is_escaped_for_dn(string userId, string expected)
    {
        Assert.Equal(expected, LdapEscaping.EscapeUserIdForDn(userId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("nul\0byte")]
    [InlineData("line\nbreak")]
    [InlineData("tab\tbed")]
    public void User_id_that_cannot_be_in_dn_is_rejected(string userId)
    {
        Assert.Null(LdapEscaping.EscapeUserIdForDn(userId));
    }

    [Fact]
    public void Lone_surrogate_is_rejected()
    {
        // Built in code: xunit replaces lone surrogates in theory data when it serializes the cases.
        Assert.Null(LdapEscaping.EscapeUserIdForDn("lone" + '\ud800' + "high"));
        Assert.Null(LdapEscaping.EscapeUserIdForDn('\udc00' + "low"));
        Assert.Null(LdapEscaping.EscapeUserIdForDn("end" + '\ud800'));
    }

    [Fact]
    public void Overlong_user_id_is_rejected()
    {
        Assert.Null(LdapEscaping.EscapeUserIdForDn(new string('a', LdapEscaping.MaxUserIdLength + 1)));
        Assert.NotNull(LdapEscaping.EscapeUserIdForDn(new string('a', LdapEscaping.MaxUserIdLength)));
    }

    [Theory]
    [InlineData("uid=jdoe,ou=people", "uid=jdoe,ou=people")]
    [InlineData("*)(uid=*", "\\2a\\29\\28uid=\\2a")]
    [InlineData("back\\slash", "back\\5cslash")]
    [InlineData("nul\0", "nul\\00")]
    public void Filter_value_is_escaped(string value, string expected)
    {
        Assert.Equal(expected, LdapEscaping.EscapeFilterValue(value));
    }
}
