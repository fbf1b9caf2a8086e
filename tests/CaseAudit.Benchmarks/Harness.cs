using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CaseAudit.Benchmarks;

public sealed record HarnessOptions(bool Quick, int Gradings, string? Out, bool LoadOnly = false)
{
    // Other work on a 2-core machine moves every figure; the report says how busy it was.
    public string LoadAverage { get; } = File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public const int ExportGradings = 100_000;

    public static HarnessOptions? Parse(string[] args)
    {
        var quick = false;
        var loadOnly = false;
        var gradings = ExportGradings;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--load-only":
                    // While working on the served pages: skips the BenchmarkDotNet measures (their rows say "no result").
                    loadOnly = true;
                    break;
                case "--gradings" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
                    gradings = n;
                    i++;
                    break;
                case "--out" when i + 1 < args.Length:
                    // dotnet run starts us in the project folder; a path typed by the caller means theirs.
                    output = Path.GetFullPath(args[++i], Environment.GetEnvironmentVariable("PWD") ?? Environment.CurrentDirectory);
                    break;
                default:
                    return null;
            }
        }

        return new HarnessOptions(quick, gradings, output, loadOnly);
    }
}

public sealed record MeasureInfo(Type Area, MethodInfo Method, MeasureAttribute Measure, TargetAttribute? Target)
{
    public string Name => Method.Name;

    public string Key => $"{Area.Name}.{Method.Name}";

    public static IReadOnlyList<MeasureInfo> All() =>
        Measures.Areas.SelectMany(area => area.GetMethods()
            .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
            .Select(m => new MeasureInfo(area, m,
                m.GetCustomAttribute<MeasureAttribute>() ?? throw new InvalidOperationException($"{area.Name}.{m.Name} needs a [Measure] description."),
                m.GetCustomAttribute<TargetAttribute>())))
            .ToList();
}

public sealed record MeasureResult(MeasureInfo Info, Statistics? Time, long? AllocatedBytes, PeakResult? Peak);

public static class Harness
{
    public static async Task<int> RunAsync(HarnessOptions options, Stopwatch started)
    {
        var measures = MeasureInfo.All();
        CheckBaselines(measures);

        var rounds = SyntheticPartnership.RoundsFor(options.Gradings);
        Console.WriteLine($"Writing the synthetic partnership: {rounds} rounds, {rounds * SyntheticPartnership.GradingsPerRound():N0} gradings...");
        var seeding = Stopwatch.StartNew();
        using var partnership = SyntheticPartnership.Create(rounds);
        var dataFile = partnership.DataFile;
        // Closed before anything measures: each measure opens the file read-only on its own.
        // Closing also checkpoints LiteDB's log into the file, so its size is the real one.
        partnership.Store.Dispose();
        seeding.Stop();
        var dataFileBytes = new FileInfo(dataFile).Length;
        Console.WriteLine($"  done in {seeding.Elapsed.TotalSeconds:0.0} s ({dataFileBytes / 1_048_576.0:0} MB).");
        AreaBase.DataFile = dataFile;
        LoadAreaBase.DataFile = dataFile;
        LoadAreaBase.Quick = options.Quick;

        var peaks = new Dictionary<string, PeakResult>();
        var peakRuns = options.Quick ? 1 : 3;
        foreach (var m in measures.Where(_ => !options.LoadOnly))
        {
            Console.WriteLine($"Peak working set: {m.Key} ({peakRuns} cold run(s) in a child process)...");
            peaks[m.Key] = await PeakRun.MeasureInChildAsync(m.Key, dataFile, peakRuns);
            Console.WriteLine($"  {peaks[m.Key].PeakBytes / 1_048_576.0:0} MB (the same process before the measure: {peaks[m.Key].BeforeBytes / 1_048_576.0:0} MB)");
        }

        var config = Config(options.Quick);
        var results = new List<MeasureResult>();
        foreach (var area in Measures.Areas)
        {
            if (options.LoadOnly)
            {
                results.AddRange(measures.Where(m => m.Area == area).Select(m => new MeasureResult(m, null, null, null)));
                continue;
            }

            var summary = BenchmarkRunner.Run(area, config);
            foreach (var m in measures.Where(m => m.Area == area))
            {
                var report = summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == m.Name);
                results.Add(new MeasureResult(m, report?.ResultStatistics, report?.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase), peaks.GetValueOrDefault(m.Key)));
            }
        }

        // After BenchmarkDotNet, so no server runs while it times anything.
        var loads = await LoadAreaBase.RunAllAsync();

        started.Stop();
        var path = options.Out ?? Path.Combine(RepositoryRoot(), "docs", "benchmarks.md");
        var markdown = BenchmarkReport.Markdown(results, loads, options, rounds, dataFileBytes, seeding.Elapsed, started.Elapsed);
        await File.WriteAllTextAsync(path, markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"Wrote {path} in {started.Elapsed.TotalMinutes:0.0} minutes.");
        return results.All(r => BenchmarkReport.Verdict(r, results).Passed) && loads.All(r => BenchmarkReport.Verdict(r, loads).Passed) ? 0 : 1;
    }

    private static IConfig Config(bool quick)
    {
        // In-process: BenchmarkDotNet would otherwise generate and build a project per area,
        // which takes minutes here and sits badly with central package versions.
        var job = quick
            ? Job.Default.WithWarmupCount(1).WithIterationCount(3).WithLaunchCount(1).WithInvocationCount(1).WithUnrollFactor(1).WithId("Quick")
            : Job.Default.WithMaxIterationCount(30).WithId("Full");
        return ManualConfig.CreateMinimumViable()
            .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "caseaudit-benchmarks-artifacts"))
            .WithOptions(ConfigOptions.DisableLogFile);
    }

    private static void CheckBaselines(IReadOnlyList<MeasureInfo> measures)
    {
        foreach (var m in measures.Where(m => m.Target?.Baseline is not null))
        {
            if (!measures.Any(b => b.Area == m.Area && b.Name == m.Target!.Baseline))
            {
                throw new InvalidOperationException($"{m.Key}: its baseline {m.Target!.Baseline} is not a measure of {m.Area.Name}.");
            }
        }

        var loads = LoadMeasureInfo.All().ToList();
        foreach (var m in loads.Where(m => m.Target?.Baseline is not null))
        {
            if (!loads.Any(b => b.Area == m.Area && b.Name == m.Target!.Baseline && loads.IndexOf(b) < loads.IndexOf(m)))
            {
                throw new InvalidOperationException($"{m.Key}: its baseline {m.Target!.Baseline} is not a load measure of {m.Area.Name} run before it.");
            }
        }
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CaseAudit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CaseAudit.sln above {AppContext.BaseDirectory}; pass --out FILE.");
    }

    public static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
