using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using System.Diagnostics.Metrics;

namespace AsfQuart.Tests.Hosting;

/// <summary>The AsfQuart meter counts sessions by source and failures by reason.</summary>
public sealed class MetricsTests
{
    private static void Map(WebApplication app)
    {
        app.MapGet("/secret", (Session session) => session.Uid).RequireAsfSession();
        app.MapGet("/member", (Session session) => session.Uid).RequireAsfSession(Requirements.Member);
    }

    [Fact]
    public async Task Resolved_sessions_are_counted_by_source()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(token => token == "good" ? TestSessions.RoleAccount : null));
        using var resolved = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), "AsfQuart", "asfquart.sessions.resolved");

        await app.GetAsync("/secret", ("Cookie", app.CookieFor(TestSessions.Committer)));
        await app.GetAsync("/secret", ("Authorization", "Bearer good"));
        await app.GetAsync("/secret", ("Authorization", "Bearer good"));

        var measurements = resolved.GetMeasurementSnapshot();
        Assert.Equal(1, measurements.Where(measurement => measurement.Tags["source"] as string == "cookie").Sum(measurement => measurement.Value));
        Assert.Equal(2, measurements.Where(measurement => measurement.Tags["source"] as string == "token").Sum(measurement => measurement.Value));
    }

    [Fact]
    public async Task Failures_are_counted_by_reason()
    {
        await using var app = await TestApp.StartAsync(Map, options => options.UseTokenHandler(_ => null));
        using var failures = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), "AsfQuart", "asfquart.access.failures");

        await app.GetAsync("/secret");
        await app.GetAsync("/secret", ("Accept", "text/html"));
        await app.GetAsync("/secret", ("Authorization", "Bearer bad"));
        await app.GetAsync("/secret", ("Authorization", "Bearer a b"));
        await app.GetAsync("/member", ("Cookie", app.CookieFor(TestSessions.Committer)));

        var reasons = failures.GetMeasurementSnapshot().Select(measurement => measurement.Tags["reason"] as string).ToList();
        Assert.Equal(["no_session", "login_redirect", "invalid_credentials", "malformed_authorization", "forbidden"], reasons);
    }
}
