using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace AsfQuart.Fuzz;

/// <summary>
/// Mutates the seed corpus at random and runs a target on each result, in this process. It is the
/// fallback for machines where AFL cannot run: without coverage feedback it explores far less than
/// AFL, so a clean run is weaker evidence.
/// </summary>
internal sealed class RandomMutationRun(string target, string corpusFolder, int seed, string crashFolder)
{
    private const int MaxInputLength = 128 * 1024;

    // Fragments that the parsers look for, so mutations reach past the first check more often.
    private static readonly byte[][] Dictionary =
    [
        .. new[] { "chunks-", "__Host-fuzz", "__Host-fuzzC1", "__Host-fuzzC21", "=", "; ", "Bearer ", "Basic ", ":", "CfDJ8", "{\"v\":1,\"u\":\"x\"", "\"md\":", "\"c\":", "-1", "2147483648", "99999999999999999999", "\u00e9", "\t", "\r\n", "\0", "%2F", "%5C", "%25", "%0D%0A", "//", "\\", "{\"uid\":", "\\ud800" }
            .Select(Encoding.Latin1.GetBytes),
    ];

    private readonly Random _random = new(seed);

    public int Run(long executions)
    {
        var seeds = Directory.EnumerateFiles(corpusFolder, "*", SearchOption.AllDirectories).Select(File.ReadAllBytes).ToList();
        if (seeds.Count == 0)
        {
            seeds.Add([]);
        }

        var crashes = 0;
        var stopwatch = Stopwatch.StartNew();
        for (long execution = 0; execution < executions; execution++)
        {
            var input = Mutate(seeds);
            try
            {
                FuzzTargets.Run(target, input);
            }
            catch (Exception exception)
            {
                crashes++;
                SaveCrash(input, exception);
            }
        }

        Console.WriteLine($"{target}: {executions} executions from {seeds.Count} seeds (random seed {seed}) in {stopwatch.Elapsed.TotalSeconds:F1} s, {crashes} crashes.");
        return crashes == 0 ? 0 : 1;
    }

    private byte[] Mutate(List<byte[]> seeds)
    {
        var data = new List<byte>(seeds[_random.Next(seeds.Count)]);
        var mutations = 1 + _random.Next(8);
        for (var step = 0; step < mutations; step++)
        {
            var position = data.Count == 0 ? 0 : _random.Next(data.Count);
            switch (_random.Next(7))
            {
                case 0 when data.Count > 0:
                    data[position] ^= (byte)(1 << _random.Next(8));
                    break;

                case 1 when data.Count > 0:
                    data[position] = (byte)_random.Next(256);
                    break;

                case 2:
                    data.InsertRange(position, Dictionary[_random.Next(Dictionary.Length)]);
                    break;

                case 3 when data.Count > 0:
                    data.RemoveRange(position, _random.Next(1, Math.Min(64, data.Count - position) + 1));
                    break;

                case 4 when data.Count > 0:
                    var length = _random.Next(1, Math.Min(256, data.Count - position) + 1);
                    data.InsertRange(_random.Next(data.Count + 1), data.GetRange(position, length));
                    break;

                case 5:
                    var other = seeds[_random.Next(seeds.Count)];
                    data.InsertRange(position, other.Take(_random.Next(other.Length + 1)));
                    break;

                default:
                    data.Insert(position, (byte)_random.Next(256));
                    break;
            }
        }

        return data.Count > MaxInputLength ? [.. data.Take(MaxInputLength)] : [.. data];
    }

    private void SaveCrash(byte[] input, Exception exception)
    {
        Directory.CreateDirectory(crashFolder);
        var name = Convert.ToHexStringLower(SHA256.HashData(input))[..16];
        File.WriteAllBytes(Path.Combine(crashFolder, "crash-" + name), input);
        Console.Error.WriteLine($"crash-{name}: {exception.GetType().Name}: {exception.Message}");
    }
}
