using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AsfQuart.Tests.Ldap;

/// <summary>
/// Runs Debian's OpenLDAP slapd on 127.0.0.1 from a temporary folder with a classic slapd.conf, in
/// the foreground, until it is disposed. The tree is loaded with ldapadd as the root DN.
/// </summary>
public sealed class SlapdServer : IAsyncDisposable
{
    public const string Suffix = "dc=example,dc=org";
    public const string RootDn = "cn=admin,dc=example,dc=org";
    public const string RootPassword = "admin-secret";

    private const string SlapdPath = "/usr/sbin/slapd";
    private const string LdapAddPath = "/usr/bin/ldapadd";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly string _folder;
    private Process? _process;

    private SlapdServer(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string Uri => $"ldap://127.0.0.1:{Port}";

    /// <summary>Starts a slapd with an empty database under <see cref="Suffix"/> and waits until it accepts connections.</summary>
    public static async Task<SlapdServer> StartAsync()
    {
        RequireInstalled(SlapdPath, LdapAddPath);

        var folder = Directory.CreateTempSubdirectory("asfquart-slapd-").FullName;
        var server = new SlapdServer(folder, FreePort());
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "data"));
            await File.WriteAllTextAsync(Path.Combine(folder, "slapd.conf"), server.Configuration());
            await server.RunAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Throws with the install command when slapd or ldapadd is missing, so the LDAP tests fail instead of passing without a server.</summary>
    public static void RequireInstalled(string slapdPath, string ldapAddPath)
    {
        if (!File.Exists(slapdPath) || !File.Exists(ldapAddPath))
        {
            throw new InvalidOperationException(
                $"The LDAP tests need OpenLDAP's {slapdPath} and {ldapAddPath}. Install slapd and ldap-utils with: " +
                "echo \"slapd slapd/no_configuration boolean true\" | debconf-set-selections && apt-get install -y slapd ldap-utils");
        }
    }

    /// <summary>Adds the entries of <paramref name="ldif"/> with ldapadd, bound as the root DN.</summary>
    public async Task AddAsync(string ldif)
    {
        var file = Path.Combine(_folder, $"entries-{Guid.NewGuid():N}.ldif");
        await File.WriteAllTextAsync(file, ldif, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        var start = new ProcessStartInfo(LdapAddPath)
        {
            ArgumentList = { "-x", "-H", Uri, "-D", RootDn, "-w", RootPassword, "-f", file },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ldapadd failed with exit code {process.ExitCode}: {await error}{await output}");
        }
    }

    /// <summary>Stops the server; its port then refuses connections.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Freezes the server with SIGSTOP: connections are still accepted by the kernel, but slapd never responds.</summary>
    public void Pause()
    {
        Signal("STOP");

        // kill returns once the signal is sent; the process state in /proc shows when it took effect.
        var stopwatch = Stopwatch.StartNew();
        while (_process is { HasExited: false } process && stopwatch.Elapsed < StartTimeout)
        {
            var stat = File.ReadAllText($"/proc/{process.Id}/stat");
            if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('T'))
            {
                return;
            }

            Thread.Sleep(10);
        }
    }

    /// <summary>Lets a paused server run again with SIGCONT.</summary>
    public void Resume() => Signal("CONT");

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            Resume();
            await StopAsync();
            _process.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private string Configuration() => $"""
        include /etc/ldap/schema/core.schema
        include /etc/ldap/schema/cosine.schema
        include /etc/ldap/schema/inetorgperson.schema
        include /etc/ldap/schema/nis.schema
        pidfile {_folder}/slapd.pid
        argsfile {_folder}/slapd.args
        modulepath /usr/lib/ldap
        moduleload back_mdb

        database mdb
        suffix "{Suffix}"
        rootdn "{RootDn}"
        rootpw {RootPassword}
        directory {_folder}/data
        maxsize 10485760
        access to attrs=userPassword by anonymous auth by self write by * none
        access to * by * read
        """;

    private async Task RunAsync()
    {
        var start = new ProcessStartInfo(SlapdPath)
        {
            ArgumentList = { "-f", Path.Combine(_folder, "slapd.conf"), "-h", $"ldap://127.0.0.1:{Port}/", "-d", "0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var stderr = new StringBuilder();
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, line) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(line.Data);
            }
        };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        // Polls until slapd listens; it gives no other sign of being ready when run in the foreground.
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                string output;
                lock (stderr)
                {
                    output = stderr.ToString();
                }

                throw new InvalidOperationException($"slapd exited with code {_process.ExitCode} at start: {output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"slapd did not listen on port {Port} within {StartTimeout}.");
    }

    private void Signal(string signal)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
