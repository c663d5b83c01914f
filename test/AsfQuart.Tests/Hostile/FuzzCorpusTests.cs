using AsfQuart.Fuzz;

namespace AsfQuart.Tests.Hostile;

/// <summary>
/// Replays every committed fuzz input, the seed corpus and the inputs that once made a target fail,
/// through the same targets that AFL runs, so a fixed finding stays fixed without AFL installed.
/// </summary>
public sealed class FuzzCorpusTests
{
    public static TheoryData<string, string> Inputs
    {
        get
        {
            var data = new TheoryData<string, string>();
            var fuzz = Path.Combine(RepositoryRoot(), "fuzz");
            foreach (var folder in new[] { "corpus", "regressions" })
            {
                foreach (var target in FuzzTargets.Names)
                {
                    var directory = Path.Combine(fuzz, folder, target);
                    if (!Directory.Exists(directory))
                    {
                        continue;
                    }

                    foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
                    {
                        data.Add(target, Path.GetRelativePath(fuzz, file));
                    }
                }
            }

            return data;
        }
    }

    [Fact]
    public void Every_target_has_seeds_and_regressions_folder()
    {
        var fuzz = Path.Combine(RepositoryRoot(), "fuzz");

        foreach (var target in FuzzTargets.Names)
        {
            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(fuzz, "corpus", target)));
            Assert.True(Directory.Exists(Path.Combine(fuzz, "regressions", target)), $"fuzz/regressions/{target} is missing.");
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Committed_input_passes_target(string target, string input)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryRoot(), "fuzz", input));

        FuzzTargets.Run(target, bytes);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AsfQuart.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No AsfQuart.sln above {AppContext.BaseDirectory}.");
    }
}
