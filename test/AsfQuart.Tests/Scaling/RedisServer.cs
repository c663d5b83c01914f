using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AsfQuart.Tests.Scaling;

/// <summary>
/// A redis-server of its own on 127.0.0.1, on a free port, without persistence. It can be stopped and
/// started again on the same port (an outage that loses the data), or paused with SIGSTOP
/// (a Redis that accepts connections but never responds).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Executable = "/usr/bin/redis-server";

    private Process? _process;

    private RedisServer(int port)
    {
        Port = port;
    }

    public int Port { get; }

    public string EndPoint => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing. Install it with 'apt-get install -y redis-server' (the .ci/run script does) and run the tests again.");
        }

        var server = new RedisServer(FreePort());
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var startInfo = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        _process = Process.Start(startInfo) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await PingAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not answer PING within 10 seconds (exited: {_process.HasExited}).");
            }

            await Task.Delay(20);
        }
    }

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Returns every key with its value as text (hash fields and list items joined), for checks on what Redis readers see.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadAllAsync()
    {
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(EndPoint);
        var database = connection.GetDatabase();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var key in connection.GetServer(EndPoint).KeysAsync(pattern: "*"))
        {
            var type = await database.KeyTypeAsync(key);
            values[key.ToString()] = type switch
            {
                StackExchange.Redis.RedisType.Hash => string.Join("|", (await database.HashGetAllAsync(key)).Select(entry => $"{entry.Name}={entry.Value}")),
                StackExchange.Redis.RedisType.List => string.Join("|", await database.ListRangeAsync(key)),
                _ => (await database.StringGetAsync(key)).ToString(),
            };
        }

        return values;
    }

    public Task PauseAsync() => SignalAsync("-STOP");

    public Task ResumeAsync() => SignalAsync("-CONT");

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await ResumeAsync();
        }

        await StopAsync();
    }

    private async Task SignalAsync(string signal)
    {
        if (_process is null)
        {
            return;
        }

        using var kill = Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
