using BenchmarkDotNet.Attributes;

namespace CaseAudit.Benchmarks;

// THE list of measures. An area is a class here; a measure is one [Benchmark] method in it,
// described by [Measure] and, when it has one, judged by [Target]. The harness finds them here,
// times them with BenchmarkDotNet, runs each once more in a child process for its peak working
// set, and writes a row for each into docs/benchmarks.md. Adding a measure is adding a method.
public static class Measures
{
    public static readonly IReadOnlyList<Type> Areas = [typeof(PartnershipExport), typeof(LearningSummary), typeof(HostileTemplates)];
}

// Every agency's grades for every round, as one sheet of rows: what a partnership export holds.
[Area("Partnership export", "Every grading of the synthetic partnership (all rounds × 40 cases × 8 agencies × 30 questions), 18 values per row.")]
public class PartnershipExport : AreaBase
{
    private List<GradingRow> _rows = [];

    [GlobalSetup]
    public void Setup()
    {
        Open();
        _rows = GradingRows.Read(Partnership, Partnership.Rounds);
    }

    [Benchmark]
    [Measure("Read every grading from the data file and flatten it into export rows (the LiteDB half of an export).", Result = "rows")]
    public int LiteDbReadGradingRows() => GradingRows.Read(Partnership, Partnership.Rounds).Count;

    [Benchmark]
    [Measure("Write the same rows (the 18 values of the Coordinator's copy, evidence included) with plain SpreadCheetah 1.28 (no styles) to a discarding stream.", Result = "bytes written")]
    public Task<long> BareSpreadCheetah() => BareWriters.SpreadCheetahAsync(_rows);

    [Benchmark]
    [Measure("The app's partnership export (Coordinator's copy, with evidence): every round read from the data file and streamed with SpreadCheetah to a discarding stream.", Result = "rows")]
    [Target(Seconds = 2, PeakMegabytes = 250, TimesBaseline = 3, Baseline = nameof(BareSpreadCheetah))]
    public Task<int> AppPartnershipExport() =>
        CaseAudit.Web.Excel.PartnershipExport.WriteAsync(Partnership.Store, Partnership.Templates, withEvidence: true, "Synthetic partnership", Stream.Null);
}

// One round's formatted workbook: what the learning-summary workbook is built from.
[Area("Learning summary (one round)", "One published round: 40 cases × 8 agencies × 30 questions = 9,600 gradings, 12 columns of text per row.")]
public class LearningSummary : AreaBase
{
    private List<GradingRow> _rows = [];

    [GlobalSetup]
    public void Setup()
    {
        Open();
        _rows = GradingRows.Read(Partnership, [Partnership.Rounds[^1]]);
    }

    [Benchmark]
    [Measure("Write one round's rows with plain ClosedXML 0.95.4 (column widths set by hand, no other styles) to a MemoryStream.", Result = "bytes written")]
    public long BareClosedXmlRound() => BareWriters.ClosedXml(_rows);

    [Benchmark]
    [Measure("The app's learning-summary workbook for one round, board's copy (every sheet but raw gradings), read from the data file and written to a MemoryStream.", Result = "bytes written")]
    [Target(Seconds = 1.5, Baseline = nameof(BareClosedXmlRound))]
    public long AppLearningSummaryBoardCopy() => Summary(CaseAudit.Web.Excel.SummaryCopy.Board);

    // Warm: BenchmarkDotNet's mean is taken after its warm-up iterations.
    [Benchmark]
    [Measure("The app's learning-summary workbook for one round, Coordinator's copy (every sheet, raw gradings with evidence), read from the data file and written to a MemoryStream.", Result = "bytes written")]
    [Target(Seconds = 1.5, Baseline = nameof(BareClosedXmlRound))]
    public long AppLearningSummary() => Summary(CaseAudit.Web.Excel.SummaryCopy.Coordinator);

    private long Summary(CaseAudit.Web.Excel.SummaryCopy copy)
    {
        var reader = new CaseAudit.Web.Rounds.LearningSummaryReader(Partnership.Store, Partnership.Findings);
        var summary = reader.Read(Partnership.Rounds[^1], copy, "Synthetic partnership", "benchmark", DateTime.UtcNow);
        using var buffer = new MemoryStream();
        CaseAudit.Web.Excel.LearningSummaryWorkbook.Write(summary, buffer);
        return buffer.Length;
    }
}

// A template upload of hostile shape must be refused for no more than reading a real template
// costs: the hang guards in HostileInputTests only prove it finishes.
[Area("Hostile template uploads", "The shipped supervision template (14 KB) against files of hostile shape near the 256 KiB upload limit, up to 17 times its size: the targets allow about twice its cost per byte.")]
public class HostileTemplates : AreaBase
{
    private byte[] _real = [];
    private byte[] _deep = [];
    private byte[] _keys = [];

    [GlobalSetup]
    public void Setup()
    {
        var root = CaseAudit.Web.AppPaths.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Run inside the repository.");
        _real = File.ReadAllBytes(Path.Combine(root, "audit-templates", "supervision.yaml"));
        _deep = System.Text.Encoding.UTF8.GetBytes("purpose: " + new string('[', 100_000) + new string(']', 100_000));
        _keys = System.Text.Encoding.UTF8.GetBytes("purpose: {" + string.Join(",", Enumerable.Range(0, 25_500).Select(i => $"\"{i}\":0")) + "}");
    }

    [Benchmark]
    [Measure("Read and validate the shipped supervision template (a real upload).", Result = "problems (0 expected)")]
    public int RealTemplate() => CaseAudit.Web.Domain.Templates.TemplateReader.Read("supervision.yaml", _real).Problems.Count;

    [Benchmark]
    [Measure("Refuse a 195 KiB template nested 100,000 deep (which once overflowed the stack and ended the process).", Result = "problems")]
    [Target(Seconds = 0.1, TimesBaseline = 35, Baseline = nameof(RealTemplate))]
    public int Nested100000Deep() => CaseAudit.Web.Domain.Templates.TemplateReader.Read("deep.yaml", _deep).Problems.Count;

    [Benchmark]
    [Measure("Refuse a 245 KiB template with 25,500 keys in one mapping (over the 50,000-entry limit).", Result = "problems")]
    [Target(Seconds = 0.1, TimesBaseline = 35, Baseline = nameof(RealTemplate))]
    public int ManyKeys() => CaseAudit.Web.Domain.Templates.TemplateReader.Read("keys.yaml", _keys).Problems.Count;
}
