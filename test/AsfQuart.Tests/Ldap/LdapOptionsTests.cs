using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsfQuart.Tests.Ldap;

public sealed class LdapOptionsTests
{
    [Fact]
    public async Task Missing_settings_fail_at_start()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(_ => { }, configureServices: services => services.AddAsfLdapBasicAuthentication()));

        Assert.Contains(exception.Failures, failure => failure.StartsWith("AsfQuart:Ldap:Uris is empty.", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.StartsWith("AsfQuart:Ldap:UserDnTemplate '' must contain %s exactly once", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.StartsWith("AsfQuart:Ldap:GroupBase is missing.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Options_bind_from_configuration()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AsfQuart:AppId"] = "refapp",
            ["AsfQuart:InMemoryKeys"] = "true",
            ["AsfQuart:Ldap:Uris:0"] = "ldaps://ldap-us.apache.org",
            ["AsfQuart:Ldap:Uris:1"] = "ldaps://ldap-eu.apache.org:636",
            ["AsfQuart:Ldap:UserDnTemplate"] = "uid=%s,ou=people,dc=apache,dc=org",
            ["AsfQuart:Ldap:GroupBase"] = "ou=project,ou=groups,dc=apache,dc=org",
            ["AsfQuart:Ldap:AffiliationCacheDuration"] = "00:30:00",
            ["AsfQuart:Ldap:FailedAttemptsPerUser"] = "7",
        });
        builder.Services.AddAsfQuart().AddAsfLdapBasicAuthentication().AddAsfLdapSessionValidation(options => options.MemberUidAttribute = "memberUid");
        await using var app = builder.Build();
        await app.StartAsync();

        var options = app.Services.GetRequiredService<IOptions<LdapOptions>>().Value;

        Assert.Equal(["ldaps://ldap-us.apache.org", "ldaps://ldap-eu.apache.org:636"], options.Uris);
        Assert.Equal("uid=%s,ou=people,dc=apache,dc=org", options.UserDnTemplate);
        Assert.Equal(TimeSpan.FromMinutes(30), options.AffiliationCacheDuration);
        Assert.Equal(7, options.FailedAttemptsPerUser);
        Assert.Equal("memberUid", options.MemberUidAttribute);
        Assert.IsType<LdapBasicAuthenticator>(app.Services.GetRequiredService<IBasicAuthenticator>());
        Assert.Single(app.Services.GetServices<ISessionValidator>().OfType<LdapSessionValidator>());
    }

    [Theory]
    [InlineData("ldap://ldap.example.org", "sends passwords unencrypted")]
    [InlineData("https://ldap.example.org", "is not an ldap:// or ldaps:// URI")]
    [InlineData("ldaps://ldap.example.org/dc=example", "must name only a scheme, host and port")]
    public void Invalid_uri_is_reported(string uri, string expected)
    {
        var options = ValidOptions();
        options.Uris.Add(uri);

        var result = new LdapOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_ldap_with_start_tls_is_valid()
    {
        var options = ValidOptions();
        options.Uris.Add("ldap://ldap.example.org");
        options.StartTls = true;

        var result = new LdapOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Invalid_settings_are_each_reported()
    {
        var options = ValidOptions();
        options.UserDnTemplate = "uid=%s,cn=%s";
        options.OwnerAttribute = "own er";
        options.ActiveAccountFilter = "employeeType=disabled";
        options.ServiceBindDn = "cn=reader";
        options.ConnectTimeout = TimeSpan.Zero;
        options.FailedAttemptsPerAddress = 0;

        var result = new LdapOptionsValidator().Validate(null, options);

        Assert.Contains("UserDnTemplate 'uid=%s,cn=%s' must contain %s exactly once", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("OwnerAttribute 'own er' is not an attribute name", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("ActiveAccountFilter 'employeeType=disabled' must be an LDAP filter in parentheses", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("ServiceBindPassword is missing", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("ConnectTimeout must be positive", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("FailedAttemptsPerAddress must be at least 1", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ldaps://ldap-us.apache.org", "ldap-us.apache.org", 636, true)]
    [InlineData("ldap://127.0.0.1:3890", "127.0.0.1", 3890, false)]
    [InlineData("ldap://ldap.example.org/", "ldap.example.org", 389, false)]
    public void Server_uri_is_parsed(string uri, string host, int port, bool useLdaps)
    {
        Assert.True(LdapServer.TryParse(uri, out var server, out var error), error);

        Assert.Equal(new LdapServer(host, port, useLdaps), server);
    }

    private static LdapOptions ValidOptions() => new()
    {
        UserDnTemplate = "uid=%s,ou=people,dc=example,dc=org",
        GroupBase = "ou=groups,dc=example,dc=org",
    };
}
