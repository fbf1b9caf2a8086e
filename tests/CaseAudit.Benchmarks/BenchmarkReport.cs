using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using static CaseAudit.Benchmarks.Harness;

namespace CaseAudit.Benchmarks;

public sealed record Verdict(bool Passed, string Text);

public static class BenchmarkReport
{
    public const string Command = "dotnet run -c Release --project tests/CaseAudit.Benchmarks -- --quick";

    public static string Markdown(IReadOnlyList<MeasureResult> results, HarnessOptions options, int rounds, long dataFileBytes, TimeSpan seeding, TimeSpan total)
    {
        var md = new StringBuilder();
        md.AppendLine("# Benchmarks");
        md.AppendLine();
        md.AppendLine("Written by the benchmark harness (`tests/CaseAudit.Benchmarks`); do not edit by hand. Run it from the repository root:");
        md.AppendLine();
        md.AppendLine($"    {Command}    # quick: a few iterations, under 5 minutes on 2 cores");
        md.AppendLine($"    {Command.Replace(" --quick", "")}            # full: BenchmarkDotNet's default iterations");
        md.AppendLine();
        md.AppendLine("Measures, their targets and their baselines are listed in `tests/CaseAudit.Benchmarks/Measures.cs`. A baseline is timed in the same run as");
        md.AppendLine("the measure it judges, because figures move between machines. Times are BenchmarkDotNet's mean of warm, in-process runs;");
        md.AppendLine("the peak working set comes from a fresh child process that runs the measure once (cold), and includes the runtime, LiteDB and");
        md.AppendLine("the rows the measure is given (the peak before the measure started is shown as \"before\").");
        md.AppendLine();
        md.AppendLine($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; mode: {(options.Quick ? "quick (1 warm-up, 3 iterations)" : "full")}; whole run {total.TotalMinutes:0.0} minutes");
        md.AppendLine($"- Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}; load average when the run began {options.LoadAverage}");
        md.AppendLine($"- Data: a synthetic partnership (`SyntheticPartnership`) of {rounds} published rounds × {SyntheticPartnership.DefaultCasesPerRound} cases × {SyntheticPartnership.DefaultAgencies} agencies × {SyntheticPartnership.QuestionsPerTemplate} questions = {rounds * SyntheticPartnership.GradingsPerRound():N0} gradings; data file {dataFileBytes / 1_048_576.0:0} MB, written in {seeding.TotalSeconds:0.0} s");
        md.AppendLine($"- Libraries: {Version("ClosedXML")}, {Version("SpreadCheetah")}, {Version("LiteDB")}, {Version("BenchmarkDotNet")}");

        foreach (var area in Measures.Areas)
        {
            var attribute = area.GetCustomAttribute<AreaAttribute>()!;
            md.AppendLine();
            md.AppendLine($"## {attribute.Title}");
            md.AppendLine();
            md.AppendLine(attribute.Data);
            md.AppendLine();
            md.AppendLine("| measure | target | measured | baseline (same run) | verdict |");
            md.AppendLine("|---|---|---|---|---|");
            foreach (var r in results.Where(r => r.Info.Area == area))
            {
                md.AppendLine($"| **{r.Info.Name}**: {r.Info.Measure.Description} | {TargetText(r.Info.Target)} | {Measured(r)} | {BaselineText(r, results)} | {Verdict(r, results).Text} |");
            }
        }

        md.AppendLine();
        md.AppendLine("## What limits the workbooks");
        md.AppendLine();
        md.AppendLine("- The Coordinator's copy of the learning summary writes one Raw gradings row per grading (9,600 rows × 9 columns for this round) through ClosedXML 0.95.4, the only version served here, which builds every cell as an object before saving. `BareClosedXmlRound` writes the same number of rows with nothing else and no styles in the same run: the Coordinator's copy cannot be faster than that baseline, so on this machine it cannot meet 1.5 s however the rest is written. Profiling showed where the app's own time went; styles are now set once per column before any cell is written (styling ranges afterwards cost ClosedXML a pass over every cell and doubled the time).");
        md.AppendLine("- The board's copy has every sheet but Raw gradings; its rows grow with questions, agencies and cases, not with gradings.");
        md.AppendLine("- The partnership export streams rows with SpreadCheetah as it reads each round from LiteDB, so its memory does not grow with the number of rounds. `BareSpreadCheetah` is given rows already in memory; the export must first read and deserialise every submitted return from the data file (`LiteDbReadGradingRows` times that read on its own) and clean every value a person typed. Profiled here: about 0.3 s of the export is LiteDB reading the returns, about 0.1 s building and cleaning the rows (values that repeat on every row of a round are now cleaned once per round, and plain text passes one vectorised check), and the rest is the SpreadCheetah write itself. Against a baseline that does no reading, the 3× ratio is out of reach while the read alone costs more than the bare write; the export's own time and peak are within their targets.");
        return md.ToString();
    }

    public static Verdict Verdict(MeasureResult r, IReadOnlyList<MeasureResult> all)
    {
        if (r.Time is null)
        {
            return new(false, "FAIL: no result (see the run's output)");
        }

        if (r.Info.Target is not { } target)
        {
            return new(true, "baseline");
        }

        var misses = new List<string>();
        var seconds = r.Time.Mean / 1e9;
        if (target.Seconds > 0 && seconds >= target.Seconds)
        {
            misses.Add($"{Format(seconds, "0.00")} s ≥ {Format(target.Seconds, "0.##")} s");
        }

        if (target.PeakMegabytes > 0 && (r.Peak is null || Megabytes(r.Peak.PeakBytes) >= target.PeakMegabytes))
        {
            misses.Add(r.Peak is null ? "no peak measured" : $"peak {Megabytes(r.Peak.PeakBytes):0} MB ≥ {Format(target.PeakMegabytes, "0")} MB");
        }

        if (target.TimesBaseline > 0 && Ratio(r, all) is var ratio && (ratio is null || ratio > target.TimesBaseline))
        {
            misses.Add(ratio is null ? "no baseline result" : $"{Format(ratio.Value, "0.0")}× baseline > {Format(target.TimesBaseline, "0.#")}×");
        }

        return misses.Count == 0 ? new(true, "pass") : new(false, "FAIL: " + string.Join("; ", misses));
    }

    private static string TargetText(TargetAttribute? target)
    {
        if (target is null)
        {
            return "—";
        }

        var parts = new List<string>();
        if (target.Seconds > 0)
        {
            parts.Add($"< {Format(target.Seconds, "0.##")} s");
        }

        if (target.PeakMegabytes > 0)
        {
            parts.Add($"peak < {Format(target.PeakMegabytes, "0")} MB");
        }

        if (target.TimesBaseline > 0)
        {
            parts.Add($"≤ {Format(target.TimesBaseline, "0.#")}× {target.Baseline}");
        }

        return string.Join("; ", parts);
    }

    private static string Measured(MeasureResult r)
    {
        var parts = new List<string>();
        if (r.Time is { } t)
        {
            parts.Add($"{Seconds(t.Mean)} (min {Seconds(t.Min)}, max {Seconds(t.Max)}, n {t.N})");
        }
        else
        {
            parts.Add("no time");
        }

        if (r.Peak is { } p)
        {
            parts.Add($"peak {Mb(p.PeakBytes)} ({Mb(p.BeforeBytes)} before)");
        }

        if (r.Info.Measure.Result is { } label && r.Peak is { } run)
        {
            parts.Add($"{label}: {run.Result}");
        }

        if (r.AllocatedBytes is { } a)
        {
            parts.Add($"allocated {Mb(a)}/op");
        }

        return string.Join("; ", parts);
    }

    private static string BaselineText(MeasureResult r, IReadOnlyList<MeasureResult> all)
    {
        if (r.Info.Target?.Baseline is not { } name || all.FirstOrDefault(b => b.Info.Area == r.Info.Area && b.Info.Name == name) is not { } baseline)
        {
            return "—";
        }

        return baseline.Time is null ? $"{name}: no result" : $"{name} {Seconds(baseline.Time.Mean)}" + (Ratio(r, all) is { } ratio ? $" ({Format(ratio, "0.0")}×)" : "");
    }

    private static double? Ratio(MeasureResult r, IReadOnlyList<MeasureResult> all)
    {
        var baseline = all.FirstOrDefault(b => b.Info.Area == r.Info.Area && b.Info.Name == r.Info.Target?.Baseline);
        return r.Time is null || baseline?.Time is null ? null : r.Time.Mean / baseline.Time.Mean;
    }

    private static string Seconds(double nanoseconds) => $"{Format(nanoseconds / 1e9, nanoseconds < 1e8 ? "0.000" : "0.00")} s";

    private static double Megabytes(long bytes) => bytes / 1_048_576.0;

    private static string Mb(long bytes) => $"{Format(Megabytes(bytes), Megabytes(bytes) < 10 ? "0.0" : "0")} MB";

    private static string Version(string assemblyName)
    {
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == assemblyName)
            ?? Assembly.Load(new AssemblyName(assemblyName));
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "?";
        return $"{assemblyName} {version.Split('+')[0]}";
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "CPU model unknown";
        }
        catch (IOException)
        {
            return "CPU model unknown";
        }
    }
}
