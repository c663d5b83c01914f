using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Net;
using AsfQuart.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AsfQuart.Tests.Ldap;

/// <summary>Each test runs its own slapd, because it stops or freezes it.</summary>
public sealed class LdapUnavailableTests
{
    [Fact]
    public async Task Stopped_server_gets_503_without_password_in_log()
    {
        await using var server = await SlapdServer.StartAsync();
        await server.AddAsync(LdapTestDirectory.Ldif());
        await using var app = await LdapTestApp.StartAsync(server);
        await server.StopAsync();

        var response = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("The authentication service is unavailable. Try again later.\n", await response.Content.ReadAsStringAsync());
        AssertLogged(app, "Connecting or binding to the LDAP server");
        AssertNoPasswordInLog(app, LdapTestDirectory.Jane.Password);
    }

    [Fact]
    public async Task Stopped_server_is_skipped_for_next_one()
    {
        await using var stopped = await SlapdServer.StartAsync();
        await using var server = await SlapdServer.StartAsync();
        await server.AddAsync(LdapTestDirectory.Ldif());
        await using var app = await LdapTestApp.StartAsync(server, options => options.Uris.Insert(0, stopped.Uri));
        await stopped.StopAsync();

        var response = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertLogged(app, stopped.Uri);
    }

    [Fact]
    public async Task Frozen_server_times_out_with_503()
    {
        await using var server = await SlapdServer.StartAsync();
        await server.AddAsync(LdapTestDirectory.Ldif());
        await using var app = await LdapTestApp.StartAsync(server);
        server.Pause();

        var stopwatch = Stopwatch.StartNew();
        var response = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane));
        stopwatch.Stop();
        server.Resume();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"The request took {stopwatch.Elapsed}.");
        AssertNoPasswordInLog(app, LdapTestDirectory.Jane.Password);
    }

    [Fact]
    public async Task Frozen_server_during_search_is_unavailable()
    {
        await using var server = await SlapdServer.StartAsync();
        await server.AddAsync(LdapTestDirectory.Ldif());
        await using var app = await LdapTestApp.StartAsync(server, options => options.OperationTimeout = TimeSpan.FromSeconds(1));
        var directory = app.Services.GetRequiredService<LdapDirectory>();
        var dn = LdapTestDirectory.UserDn("jdoe");
        using var connection = directory.BindAsUser("jdoe", dn, LdapTestDirectory.Jane.Password);
        Assert.NotNull(connection);
        server.Pause();

        var stopwatch = Stopwatch.StartNew();
        var exception = await Assert.ThrowsAsync<AuthenticationUnavailableException>(() => directory.LookUpAccountAsync(connection!, "jdoe", dn, withGroups: true));
        stopwatch.Stop();
        server.Resume();

        // Either libldap reports its own timeout, or AsfQuart stops waiting first.
        Assert.True(exception.InnerException is TimeoutException or LdapException, $"Unexpected cause: {exception.InnerException}");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"The search took {stopwatch.Elapsed}.");
    }

    private static void AssertLogged(TestApp app, string text) =>
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Message.Contains(text, StringComparison.Ordinal) || (record.Exception?.ToString().Contains(text, StringComparison.Ordinal) ?? false));

    private static void AssertNoPasswordInLog(TestApp app, string password)
    {
        foreach (var record in app.Logs.GetSnapshot())
        {
            Assert.DoesNotContain(password, record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(password, record.Exception?.ToString() ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(password, string.Join(",", record.StructuredState ?? []), StringComparison.Ordinal);
        }
    }
}
