namespace AsfQuart.Tests.Ldap;

public sealed class SlapdServerTests
{
    [Fact]
    public void Missing_slapd_names_the_packages()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => SlapdServer.RequireInstalled("/nonexistent/slapd", "/usr/bin/ldapadd"));

        Assert.Contains("/nonexistent/slapd", exception.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y slapd ldap-utils", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_ldapadd_names_the_packages()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => SlapdServer.RequireInstalled("/usr/sbin/slapd", "/nonexistent/ldapadd"));

        Assert.Contains("apt-get install -y slapd ldap-utils", exception.Message, StringComparison.Ordinal);
    }
}
