using AsfQuart.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsfQuart.Tests.Hosting;

/// <summary>Invalid options stop the application at start-up with a message that names the setting and the fix.</summary>
public sealed class OptionsValidationTests
{
    private static async Task<string> StartFailureAsync(Action<AsfQuartOptions> configure)
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = await TestApp.StartAsync(_ => { }, configure);
        });

        return exception.Message;
    }

    public static TheoryData<string, string> InvalidCases() => new()
    {
        { "AppId=", "AsfQuart:AppId is missing." },
        { "AppId=my app", "AsfQuart:AppId 'my app' may contain only letters, digits, '-', '_' and '.'" },
        { "AppId=app;x", "AsfQuart:AppId 'app;x' may contain only" },
        { "CookieName=bad name", "AsfQuart:CookieName 'bad name' may contain only" },
        { "CookieName=", "AsfQuart:CookieName '' may contain only" },
        { "SecureCookie=false", "AsfQuart:SecureCookie is false, but a cookie name starting with __Host- is only kept by browsers when Secure." },
        { "CookieChunkSize=100", "AsfQuart:CookieChunkSize 100 is outside 512 to 4096 characters." },
        { "CookieChunkSize=5000", "AsfQuart:CookieChunkSize 5000 is outside 512 to 4096 characters." },
        { "IdleTimeout=0", "AsfQuart:IdleTimeout must be positive; it is 00:00:00." },
        { "RefreshInterval=-1", "AsfQuart:RefreshInterval must be positive" },
        { "ValidationInterval=0", "AsfQuart:ValidationInterval must be positive" },
        { "AuthenticationTimeout=0", "AsfQuart:AuthenticationTimeout must be positive" },
        { "MaxSessionAge=0", "AsfQuart:MaxSessionAge must be positive" },
        { "RefreshInterval=20000", "AsfQuart:RefreshInterval (13.21:20:00) must be shorter than AsfQuart:IdleTimeout (7.00:00:00)" },
        { "LoginPath=auth", "AsfQuart:LoginPath 'auth' must be a local path that starts with a single '/' and has no query." },
        { "LoginPath=//evil.example", "AsfQuart:LoginPath '//evil.example' must be a local path" },
        { "LoginPath=/auth?x=1", "AsfQuart:LoginPath '/auth?x=1' must be a local path" },
        { "KeyDirectory=", "AsfQuart:KeyDirectory is empty." },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public async Task Invalid_option_fails_start_with_message(string setting, string message)
    {
        var (name, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);

        var failure = await StartFailureAsync(options => Set(options, name, value));

        Assert.Contains(message, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_failure_is_reported_at_once()
    {
        var failure = await StartFailureAsync(options =>
        {
            options.AppId = "";
            options.IdleTimeout = TimeSpan.Zero;
            options.LoginPath = "x";
        });

        Assert.Contains("AppId is missing", failure, StringComparison.Ordinal);
        Assert.Contains("IdleTimeout must be positive", failure, StringComparison.Ordinal);
        Assert.Contains("LoginPath 'x'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insecure_cookie_with_own_name_is_valid()
    {
        await using var app = await TestApp.StartAsync(_ => { }, options =>
        {
            options.SecureCookie = false;
            options.CookieName = "refapp_session";
        });

        Assert.NotNull(app.App);
    }

    [Fact]
    public async Task Options_bind_from_configuration_section()
    {
        await using var app = await TestApp.StartAsync(_ => { });

        app.Configuration.SetAndReload("AsfQuart:LoginPath", "/login");
        app.Configuration.SetAndReload("AsfQuart:IdleTimeout", "2.00:00:00");
        var options = app.Services.GetRequiredService<IOptionsMonitor<AsfQuartOptions>>().CurrentValue;

        Assert.Equal("/login", options.LoginPath);
        Assert.Equal(TimeSpan.FromDays(2), options.IdleTimeout);
        Assert.Equal("refapp", options.AppId);
    }

    private static void Set(AsfQuartOptions options, string name, string value)
    {
        switch (name)
        {
            case "AppId": options.AppId = value; break;
            case "CookieName": options.CookieName = value; break;
            case "SecureCookie": options.SecureCookie = bool.Parse(value); break;
            case "CookieChunkSize": options.CookieChunkSize = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "IdleTimeout": options.IdleTimeout = TimeSpan.FromSeconds(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case "RefreshInterval": options.RefreshInterval = TimeSpan.FromMinutes(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case "ValidationInterval": options.ValidationInterval = TimeSpan.FromSeconds(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case "AuthenticationTimeout": options.AuthenticationTimeout = TimeSpan.FromSeconds(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case "MaxSessionAge": options.MaxSessionAge = TimeSpan.FromSeconds(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case "LoginPath": options.LoginPath = value; break;
            case "KeyDirectory":
                options.KeyDirectory = value;
                options.InMemoryKeys = false;
                break;
            default: throw new ArgumentException($"No test setter for {name}.", nameof(name));
        }
    }
}
