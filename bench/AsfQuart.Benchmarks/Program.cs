using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Metrology;

// In-process runs skip the per-benchmark project build, which takes minutes on a small shared machine.
// Short on purpose: 3 warm-up and 12 measured iterations per case, and only ratios within one run are compared.
var job = Job.Default
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithLaunchCount(1)
    .WithWarmupCount(3)
    .WithIterationCount(12);

var config = DefaultConfig.Instance
    .AddJob(job.AsDefault())
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithSummaryStyle(SummaryStyle.Default.WithSizeUnit(SizeUnit.B));

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
