namespace AsfQuart.Fuzz;

/// <summary>
/// Runs a target once on every input file and reports each input that makes it throw; with
/// <c>FUZZ_STACK=1</c> in the environment, with its stack trace.
/// </summary>
internal static class CorpusReplay
{
    public static int Run(string target, IEnumerable<string> paths)
    {
        var files = paths.SelectMany(path => Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories) : [path]).ToList();
        var failures = 0;
        foreach (var file in files)
        {
            try
            {
                FuzzTargets.Run(target, File.ReadAllBytes(file));
            }
            catch (Exception exception)
            {
                failures++;
                Console.Error.WriteLine($"{file}: {exception.GetType().Name}: {exception.Message}");
                if (Environment.GetEnvironmentVariable("FUZZ_STACK") == "1")
                {
                    Console.Error.WriteLine(exception.StackTrace);
                }
            }
        }

        Console.WriteLine($"{target}: {files.Count} inputs replayed, {failures} failed.");
        return failures == 0 ? 0 : 1;
    }
}
