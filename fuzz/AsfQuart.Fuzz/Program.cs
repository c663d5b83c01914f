using AsfQuart.Fuzz;
using SharpFuzz;

const string Usage = """
    Usage:
      AsfQuart.Fuzz afl <target>                          run under afl-fuzz (out-of-process mode)
      AsfQuart.Fuzz replay <target> <file or folder>...   run every input once and report those that fail
      AsfQuart.Fuzz mutate <target> <corpus folder> <executions> [seed] [crash folder]
                                                          random mutation in process, without coverage feedback
    Targets: cookie, payload, authorization, redirect, provider.
    """;

if (args.Length < 2 || !FuzzTargets.Names.Contains(args[1]))
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var target = args[1];
switch (args[0])
{
    case "afl":
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            FuzzTargets.Run(target, buffer.ToArray());
        });
        return 0;

    case "replay" when args.Length >= 3:
        return CorpusReplay.Run(target, args[2..]);

    case "mutate" when args.Length >= 4 && long.TryParse(args[3], out var executions) && executions > 0:
        var seed = args.Length >= 5 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : Environment.TickCount;
        var crashFolder = args.Length >= 6 ? args[5] : Path.Combine("findings", "mutate-" + target);
        return new RandomMutationRun(target, args[2], seed, crashFolder).Run(executions);

    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
