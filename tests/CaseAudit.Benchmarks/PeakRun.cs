using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace CaseAudit.Benchmarks;

// BeforeBytes: the peak once the area's setup has run, so a reader can see how much of the peak
// is the measure and how much is the runtime, LiteDB and the rows it was given.
public sealed record PeakResult(long PeakBytes, long BeforeBytes, string Result);

// BenchmarkDotNet reports allocations, not the working set, and a process's peak only ever goes
// up: so each measure runs once in a fresh process of its own, which reports its peak.
public static class PeakRun
{
    private const string Marker = "caseaudit-peak:";

    public static async Task<int> RunAsync(string key, string dataFile)
    {
        var measure = MeasureInfo.All().SingleOrDefault(m => m.Key == key);
        if (measure is null)
        {
            Console.Error.WriteLine($"No measure {key}. Measures: {string.Join(", ", MeasureInfo.All().Select(m => m.Key))}");
            return 2;
        }

        AreaBase.DataFile = dataFile;
        var area = Activator.CreateInstance(measure.Area)!;
        foreach (var setup in measure.Area.GetMethods().Where(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null))
        {
            setup.Invoke(area, null);
        }

        var before = Process.GetCurrentProcess().PeakWorkingSet64;
        var result = measure.Method.Invoke(area, null);
        if (result is Task task)
        {
            await task;
            result = task.GetType().GetProperty("Result")?.GetValue(task);
        }

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine($"{Marker}{self.PeakWorkingSet64} {before} {(result is IFormattable f ? f.ToString("N0", CultureInfo.InvariantCulture) : "-")}");
        ((AreaBase)area).Close();
        return 0;
    }

    public static async Task<PeakResult> MeasureInChildAsync(string key, string dataFile, int runs)
    {
        var results = new List<PeakResult>(runs);
        for (var i = 0; i < runs; i++)
        {
            results.Add(await OnceAsync(key, dataFile));
        }

        // The worst run: a peak target is a ceiling.
        return results.MaxBy(r => r.PeakBytes)!;
    }

    private static async Task<PeakResult> OnceAsync(string key, string dataFile)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell which program is running.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        foreach (var argument in new[] { "peak", key, dataFile })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {self}.");
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The peak run of {key} took over 5 minutes and was killed.");
        }

        var output = await stdout;
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"The peak run of {key} failed (exit {child.ExitCode}):\n{output}{await stderr}");
        }

        var parts = line[Marker.Length..].Trim().Split(' ');
        return new PeakResult(long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]);
    }
}
