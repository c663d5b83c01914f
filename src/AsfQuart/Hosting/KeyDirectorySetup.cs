using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsfQuart;

/// <summary>
/// Keeps the Data Protection keys in <see cref="AsfQuartOptions.KeyDirectory"/> when the application
/// has configured no key repository of its own (for example Redis), the twin of asfquart's <c>apptoken.txt</c>.
/// </summary>
/// <remarks>
/// A post-configure step, so a repository set by the application before or after <c>AddAsfQuart</c> wins.
/// </remarks>
internal sealed class KeyDirectorySetup(
    IOptions<AsfQuartOptions> options,
    IHostEnvironment environment,
    ILoggerFactory loggerFactory) : IPostConfigureOptions<KeyManagementOptions>
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public void PostConfigure(string? name, KeyManagementOptions keyOptions)
    {
        if (keyOptions.XmlRepository is not null || options.Value.InMemoryKeys)
        {
            return;
        }

        var path = Path.GetFullPath(options.Value.KeyDirectory, environment.ContentRootPath);
        var directory = CreateOwnerOnly(path);
        keyOptions.XmlRepository = new FileSystemXmlRepository(directory, loggerFactory);
    }

    private DirectoryInfo CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path);
        }

        if (!Directory.Exists(path))
        {
            return Directory.CreateDirectory(path, OwnerOnly);
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & ~(OwnerOnly | UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit)) != 0)
        {
            Log.KeyDirectoryTooOpen(loggerFactory.CreateLogger<KeyDirectorySetup>(), path, Convert.ToString((int)mode, 8));
        }

        return new DirectoryInfo(path);
    }
}
