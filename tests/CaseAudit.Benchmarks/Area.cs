using BenchmarkDotNet.Attributes;

namespace CaseAudit.Benchmarks;

[AttributeUsage(AttributeTargets.Class)]
public sealed class AreaAttribute(string title, string data) : Attribute
{
    public string Title { get; } = title;

    public string Data { get; } = data;
}

[AttributeUsage(AttributeTargets.Method)]
public sealed class MeasureAttribute(string description) : Attribute
{
    public string Description { get; } = description;

    // What the method's return value is ("bytes written"), shown from the peak run so a writer
    // that quietly wrote nothing is seen.
    public string? Result { get; init; }
}

// Zero means "no target on this"; a measure with no target at all is a baseline.
[AttributeUsage(AttributeTargets.Method)]
public sealed class TargetAttribute : Attribute
{
    public double Seconds { get; init; }

    public double PeakMegabytes { get; init; }

    public double TimesBaseline { get; init; }

    // A measure of the same area, timed in the same run.
    public string? Baseline { get; init; }
}

// Each area opens the partnership the harness made, read-only: the data file stays exactly as
// written for every measure, and a child process can open it too.
public abstract class AreaBase
{
    // Set by the harness before BenchmarkDotNet (in-process) or a peak run starts.
    public static string DataFile { get; set; } = "";

    private SyntheticPartnership? _partnership;

    protected SyntheticPartnership Partnership => _partnership ?? throw new InvalidOperationException("Open() the partnership in [GlobalSetup] first.");

    protected void Open() => _partnership ??= SyntheticPartnership.Open(DataFile);

    [GlobalCleanup]
    public void Close()
    {
        _partnership?.Dispose();
        _partnership = null;
        Closing();
    }

    // What an area opened for itself besides the partnership.
    protected virtual void Closing()
    {
    }
}
