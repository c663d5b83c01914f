using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsfQuart.Tests.Porting;

/// <summary>
/// The examples of docs/porting.md for asfquart features outside sessions: add_runner, config.yaml and templates.
/// </summary>
public static class PortingGuideHosting
{
    #region add-runner
    // app.add_runner(refresh_mirrors, name="mirrors")
    public static void AddRunner(IServiceCollection services) => services.AddHostedService<MirrorRefresher>();
    #endregion

    #region config
    // config.yaml -> appsettings.json:
    // { "AsfQuart": { "AppId": "my_app" }, "Mirrors": { "Url": "https://mirrors.example", "Interval": "00:10:00" } }
    public static void BindConfiguration(WebApplicationBuilder builder)
    {
        builder.Services.AddAsfQuart();
        builder.Services.AddOptions<MirrorOptions>()
            .Bind(builder.Configuration.GetSection(MirrorOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }
    #endregion

    #region templates
    // @APP.use_template("templates/hello.ezt") -> return a Razor component, or plain HTML as here.
    public static void MapTemplatePage(WebApplication app) =>
        app.MapGet("/hello", (Session session) => Results.Content(
            $"<!doctype html><title>Hello</title><p>Hello, {System.Net.WebUtility.HtmlEncode(session.FullName ?? session.Uid)}.</p>",
            "text/html; charset=utf-8")).RequireAsfSession();
    #endregion
}

/// <summary>The settings of the mirror refresher, bound from the <c>Mirrors</c> configuration section.</summary>
public sealed class MirrorOptions
{
    /// <summary>The name of the configuration section.</summary>
    public const string SectionName = "Mirrors";

    /// <summary>Gets or sets the address of the mirror list.</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public Uri? Url { get; set; }

    /// <summary>Gets or sets the time between two refreshes, from 1 second to 1 day.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>A long-running task, started and stopped with the application: the twin of asfquart's <c>add_runner</c>.</summary>
public sealed partial class MirrorRefresher(IOptions<MirrorOptions> options, TimeProvider timeProvider, ILogger<MirrorRefresher> logger) : BackgroundService
{
    /// <summary>Gets the number of refreshes so far.</summary>
    public int Refreshes { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, timeProvider);
        do
        {
            Refreshes++;
            LogRefreshed(logger, Refreshes);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(900, LogLevel.Information, "Refreshed the mirror list ({Refreshes} times so far).")]
    private static partial void LogRefreshed(ILogger logger, int refreshes);
}
