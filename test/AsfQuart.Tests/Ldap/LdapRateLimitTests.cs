using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace AsfQuart.Tests.Ldap;

public sealed class LdapRateLimitTests(SlapdFixture slapd) : IClassFixture<SlapdFixture>
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task User_id_over_limit_gets_429()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server, options =>
        {
            options.FailedAttemptsPerUser = 3;
            options.FailedAttemptWindow = Window;
        });

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var failed = await app.Client.SendAsync(LdapTestApp.BasicRequest("jdoe", $"guess-{attempt}", $"192.0.2.{attempt + 1}"));
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        app.Time.Advance(TimeSpan.FromMinutes(5));
        var limited = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane, "192.0.2.9"));
        var otherUser = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Colon, "192.0.2.9"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(10), limited.Headers.RetryAfter?.Delta);
        Assert.Equal("Too many failed login attempts. Try again later.\n", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
        Assert.Single(app.Logs.GetSnapshot(), record => record.Id.Name == "LdapLoginRateLimited");
    }

    [Fact]
    public async Task User_id_limit_ends_with_window()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server, options =>
        {
            options.FailedAttemptsPerUser = 2;
            options.FailedAttemptWindow = Window;
        });

        await app.Client.SendAsync(LdapTestApp.BasicRequest("jdoe", "guess-1"));
        await app.Client.SendAsync(LdapTestApp.BasicRequest("jdoe", "guess-2"));
        var limited = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane));
        app.Time.Advance(Window);
        var allowed = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Client_address_over_limit_gets_429()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server, options =>
        {
            options.FailedAttemptsPerAddress = 3;
            options.FailedAttemptsPerUser = 100;
        });

        string[] users = ["alice", "bob", "carol"];
        foreach (var user in users)
        {
            var failed = await app.Client.SendAsync(LdapTestApp.BasicRequest(user, "guess", "198.51.100.7"));
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var sameAddress = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane, "198.51.100.7"));
        var mappedAddress = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane, "::ffff:198.51.100.7"));
        var otherAddress = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane, "198.51.100.8"));

        Assert.Equal(HttpStatusCode.TooManyRequests, sameAddress.StatusCode);
        Assert.NotNull(sameAddress.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, mappedAddress.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherAddress.StatusCode);
    }

    [Fact]
    public async Task Successful_logins_are_not_counted()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server, options =>
        {
            options.FailedAttemptsPerUser = 1;
            options.FailedAttemptsPerAddress = 1;
        });

        for (var request = 0; request < 5; request++)
        {
            var response = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Limited_request_does_not_bind()
    {
        await using var app = await LdapTestApp.StartAsync(slapd.Server, options => options.FailedAttemptsPerUser = 1);
        using var binds = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), AsfQuartMetrics.MeterName, LdapMetrics.BindsInstrument);

        await app.Client.SendAsync(LdapTestApp.BasicRequest("jdoe", "guess"));
        var limited = await app.Client.SendAsync(LdapTestApp.BasicRequest(LdapTestDirectory.Jane));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(1, binds.GetMeasurementSnapshot().EvaluateAsCounter());
    }
}
