using System.Diagnostics;
using System.Reflection;

namespace CaseAudit.Benchmarks;

// Zero means "no target on this"; a load measure with no target at all is a baseline.
[AttributeUsage(AttributeTargets.Method)]
public sealed class LoadTargetAttribute : Attribute
{
    public double P50Milliseconds { get; init; }

    public double P95Milliseconds { get; init; }

    // Requests per second at least this share of the baseline's (0.5 = half its rate).
    public double RateOfBaseline { get; init; }

    // A load measure of the same area, run against the same server in the same run.
    public string? Baseline { get; init; }
}

// What one load measure saw: each timed request's latency (or each timed start), how long the
// timed part lasted, and the requests that did not answer as expected (not in the latencies).
// What: "requests", or "starts" for measures that time a process starting.
public sealed record LoadResult(IReadOnlyList<double> Milliseconds, TimeSpan Elapsed, int Clients, int Failures, string What = "requests")
{
    public double P50 => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double Max => Milliseconds.Count == 0 ? double.NaN : Milliseconds.Max();

    public double PerSecond => Milliseconds.Count / Elapsed.TotalSeconds;

    // Nearest rank: a figure one of the requests really took.
    private double Percentile(double p)
    {
        if (Milliseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = Milliseconds.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

public sealed record LoadMeasureInfo(Type Area, MethodInfo Method, MeasureAttribute Measure, LoadTargetAttribute? Target)
{
    public string Name => Method.Name;

    public string Key => $"{Area.Name}.{Method.Name}";

    // In declaration order: a measure's baseline runs next to it.
    public static IReadOnlyList<LoadMeasureInfo> All() =>
        Measures.LoadAreas.SelectMany(area => area.GetMethods()
            .Where(m => m.ReturnType == typeof(Task<LoadResult>))
            .OrderBy(m => m.MetadataToken)
            .Select(m => new LoadMeasureInfo(area, m,
                m.GetCustomAttribute<MeasureAttribute>() ?? throw new InvalidOperationException($"{area.Name}.{m.Name} needs a [Measure] description."),
                m.GetCustomAttribute<LoadTargetAttribute>())))
            .ToList();
}

public sealed record LoadMeasureResult(LoadMeasureInfo Info, LoadResult? Result, string? Error);

// A load area is a class of Task<LoadResult> methods; SetUpAsync starts whatever they measure
// (a server), DisposeAsync stops it. Each method is one measure, run once, in order.
public abstract class LoadAreaBase : IAsyncDisposable
{
    // Set by the harness: the synthetic partnership's data file (never written to) and the mode.
    public static string DataFile { get; set; } = "";

    public static bool Quick { get; set; } = true;

    protected static TimeSpan WarmUp => TimeSpan.FromSeconds(Quick ? 2 : 3);

    protected static TimeSpan Duration => TimeSpan.FromSeconds(Quick ? 6 : 10);

    public abstract Task SetUpAsync();

    public abstract ValueTask DisposeAsync();

    // Every client repeats its request, one at a time, for the warm-up and then the timed part;
    // only requests started in the timed part count, and the rate is over the time they took.
    protected static async Task<LoadResult> RunAsync<TClient>(IReadOnlyList<TClient> clients, Func<TClient, Task<bool>> request)
    {
        var clock = Stopwatch.StartNew();
        var warmUp = WarmUp;
        var end = warmUp + Duration;
        var lastEnd = TimeSpan.Zero;
        var failures = 0;
        var perClient = await Task.WhenAll(clients.Select(async client =>
        {
            var times = new List<double>();
            while (clock.Elapsed < end)
            {
                var started = clock.Elapsed;
                var ok = await request(client);
                var finished = clock.Elapsed;
                if (started < warmUp)
                {
                    continue;
                }

                if (ok)
                {
                    times.Add((finished - started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }

                lock (clients)
                {
                    lastEnd = finished > lastEnd ? finished : lastEnd;
                }
            }

            return times;
        }));
        return new LoadResult(perClient.SelectMany(t => t).ToList(), lastEnd - warmUp, clients.Count, failures);
    }

    public static async Task<List<LoadMeasureResult>> RunAllAsync()
    {
        var results = new List<LoadMeasureResult>();
        foreach (var group in LoadMeasureInfo.All().GroupBy(m => m.Area))
        {
            await using var area = (LoadAreaBase)Activator.CreateInstance(group.Key)!;
            Console.WriteLine($"Load: setting up {group.Key.Name}...");
            var setUp = Stopwatch.StartNew();
            try
            {
                await area.SetUpAsync();
            }
            catch (Exception e)
            {
                Console.WriteLine($"  set-up failed: {e}");
                results.AddRange(group.Select(m => new LoadMeasureResult(m, null, $"set-up failed: {e.Message}")));
                continue;
            }

            Console.WriteLine($"  ready in {setUp.Elapsed.TotalSeconds:0.0} s");
            foreach (var m in group)
            {
                Console.WriteLine($"Load: {m.Key}...");
                try
                {
                    var result = await (Task<LoadResult>)m.Method.Invoke(area, null)!;
                    Console.WriteLine($"  n {result.Milliseconds.Count}, p50 {result.P50:0.0} ms, p95 {result.P95:0.0} ms, {result.PerSecond:0} /s, {result.Failures} failed");
                    results.Add(new LoadMeasureResult(m, result, null));
                }
                catch (Exception e)
                {
                    Console.WriteLine($"  failed: {e}");
                    results.Add(new LoadMeasureResult(m, null, (e.InnerException ?? e).Message));
                }
            }
        }

        return results;
    }
}
