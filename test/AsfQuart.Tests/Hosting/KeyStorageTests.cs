using System.Net;
using AsfQuart.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace AsfQuart.Tests.Hosting;

/// <summary>Where session keys live: an owner-only folder by default, memory only on request, or the application's own repository.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyStorageTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("asfquart-keys-test-");

    private static void Map(WebApplication app)
    {
        app.MapGet("/secret", (Session session) => session.Uid).RequireAsfSession();
    }

    public void Dispose() => _root.Delete(recursive: true);

    // Data Protection isolates applications by content root unless they share an application name, and
    // every test app has a content root of its own.
    private Task<TestApp> StartWithKeyDirectoryAsync(string path) => TestApp.StartAsync(
        Map,
        options =>
        {
            options.InMemoryKeys = false;
            options.KeyDirectory = path;
        },
        services => services.AddDataProtection().SetApplicationName("refapp"));

    [Fact]
    public async Task Key_directory_is_created_owner_only()
    {
        var path = Path.Combine(_root.FullName, "keys");
        await using var app = await StartWithKeyDirectoryAsync(path);

        var response = await app.GetAsync("/secret", ("Cookie", app.CookieFor(TestSessions.Committer)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Directory.Exists(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
        Assert.NotEmpty(Directory.GetFiles(path, "key-*.xml"));
        Assert.DoesNotContain(app.Logs.GetSnapshot(), record => record.Id.Name == "KeyDirectoryTooOpen");
    }

    [Fact]
    public async Task Keys_survive_a_restart()
    {
        var path = Path.Combine(_root.FullName, "keys");
        string cookie;
        await using (var first = await StartWithKeyDirectoryAsync(path))
        {
            cookie = first.CookieFor(TestSessions.Committer);
        }

        await using var second = await StartWithKeyDirectoryAsync(path);
        var response = await second.GetAsync("/secret", ("Cookie", cookie));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Wide_key_directory_logs_warning()
    {
        var path = Path.Combine(_root.FullName, "open-keys");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await using var app = await StartWithKeyDirectoryAsync(path);

        app.CookieFor(TestSessions.Committer);

        var warning = Assert.Single(app.Logs.GetSnapshot(), record => record.Id.Name == "KeyDirectoryTooOpen");
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("mode 755", warning.Message, StringComparison.Ordinal);
        Assert.Contains(path, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relative_key_directory_is_under_content_root()
    {
        await using var app = await TestApp.StartAsync(Map, options =>
        {
            options.InMemoryKeys = false;
            options.KeyDirectory = "relative-keys";
        });

        app.CookieFor(TestSessions.Committer);

        Assert.True(Directory.Exists(Path.Combine(app.App.Environment.ContentRootPath, "relative-keys")));
    }

    [Fact]
    public async Task In_memory_keys_do_not_survive_a_restart()
    {
        string cookie;
        await using (var first = await TestApp.StartAsync(Map))
        {
            cookie = first.CookieFor(TestSessions.Committer);
            Assert.Contains(first.Logs.GetSnapshot(), record => record.Id.Name == "InMemoryKeys");
        }

        await using var second = await TestApp.StartAsync(Map);
        var response = await second.GetAsync("/secret", ("Cookie", cookie));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Application_key_repository_wins()
    {
        var ownPath = Path.Combine(_root.FullName, "own");
        var unusedPath = Path.Combine(_root.FullName, "unused");
        await using var app = await TestApp.StartAsync(
            Map,
            options =>
            {
                options.InMemoryKeys = false;
                options.KeyDirectory = unusedPath;
            },
            services => services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(ownPath)));

        app.CookieFor(TestSessions.Committer);

        Assert.NotEmpty(Directory.GetFiles(ownPath, "key-*.xml"));
        Assert.False(Directory.Exists(unusedPath));
    }
}
