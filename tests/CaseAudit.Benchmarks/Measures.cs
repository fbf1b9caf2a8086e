using System.Net;
using System.Text;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Rounds;
using ClosedXML.Excel;

namespace CaseAudit.Benchmarks;

// THE list of measures. An area is a class here; a measure is one [Benchmark] method in it,
// described by [Measure] and, when it has one, judged by [Target]. The harness finds them here,
// times them with BenchmarkDotNet, runs each once more in a child process for its peak working
// set, and writes a row for each into docs/benchmarks.md. Adding a measure is adding a method.
public static class Measures
{
    public static readonly IReadOnlyList<Type> Areas = [typeof(PartnershipExport), typeof(LearningSummary), typeof(HostileTemplates), typeof(SampleImports)];

    // Load measures: not BenchmarkDotNet, but the real app on Kestrel (127.0.0.1) in a child
    // process, driven by concurrent signed-in clients (ServedPages), and the app's own start
    // (ColdStart). An area is a LoadAreaBase; a measure is one Task<LoadResult> method in it,
    // described by [Measure] and judged by [LoadTarget]; each runs once, in the order written.
    public static readonly IReadOnlyList<Type> LoadAreas = [typeof(ServedPages), typeof(ColdStart)];
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

// A sample imported from a file, all or nothing. The app takes at most 500 cases in a round (and
// so in one file: SampleImport.MaxCases), so a file of 1,000 rows is refused whole, nothing
// written; the most a file can add is 500, read and written in one transaction with its audit entry.
[Area("Sample import", "Sample files of 1,000 and 500 case rows (every column filled, 8 agencies), as CSV and as .xlsx, imported into a new draft round of a fresh data file.")]
public class SampleImports : AreaBase
{
    private string _folder = "";
    private CaseAuditStore? _store;
    private Writer? _writer;
    private RoundPlanner? _planner;
    private List<string> _agencies = [];
    private Round _refusing = null!;
    private byte[] _csv1000 = [];
    private byte[] _xlsx1000 = [];
    private byte[] _csv500 = [];
    private byte[] _xlsx500 = [];

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("caseaudit-import-").FullName;
        _store = new CaseAuditStore(Path.Combine(_folder, "caseaudit.db"));
        _writer = new Writer(_store, TimeProvider.System);
        var templates = new CaseAudit.Web.Templates.TemplateLibrary(_store, _writer);
        _planner = new RoundPlanner(_store, _writer, new RoundFindingsReader(_store, templates), CaseAudit.Web.Email.Notices.Silent);
        _agencies = ["social-care", "health", "police", "education", "early-help", "probation", "housing", "adult-mental-health"];
        _writer.Write(_ => _store.Agencies.InsertBulk(_agencies.Select(a => new CaseAudit.Web.Domain.Agency { Id = a, Name = a, ShortName = a, Active = true })));
        _refusing = NewRound();
        var rows1000 = Rows(1000);
        _csv1000 = Csv(rows1000);
        _xlsx1000 = Xlsx(rows1000);
        _csv500 = Csv(rows1000[..501]);
        _xlsx500 = Xlsx(rows1000[..501]);
    }

    protected override void Closing()
    {
        _writer?.Dispose();
        _store?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    [Measure("Baseline: the 500 cases the files hold, inserted with LiteDB's InsertBulk in one transaction through the writer (no file, no checks, no audit entry).", Result = "cases inserted")]
    public int InsertBulk500()
    {
        var roundId = Round.NewId();
        var cases = Enumerable.Range(1, 500).Select(i => new SampledCase
        {
            RoundId = roundId, Reference = $"IM-2026-{i:0000}", AgeBand = "5–11", Level = "Child in need", Categories = ["Physical", "Emotional"],
            Gender = "Girl", EthnicityGroup = "White", RiskFactors = ["Poverty"], AssessmentTool = "None", AgencyIds = [.. _agencies.Take(3)],
        }).ToList();
        _writer!.Write(_ => _store!.Cases.InsertBulk(cases));
        return cases.Count;
    }

    [Benchmark]
    [Measure("A CSV file of 1,000 rows read and refused whole (over the 500-case maximum): nothing written to the round.", Result = "cases in the round afterwards (0 expected)")]
    [Target(Seconds = 1)]
    public int Csv1000RowsRefused() => Refused("sample.csv", _csv1000);

    [Benchmark]
    [Measure("The same 1,000 rows as an .xlsx workbook (ClosedXML), read and refused whole: nothing written.", Result = "cases in the round afterwards (0 expected)")]
    [Target(Seconds = 1)]
    public int Xlsx1000RowsRefused() => Refused("sample.xlsx", _xlsx1000);

    [Benchmark]
    [Measure("A CSV file of 500 rows (the most a round takes) read, checked and added to a new draft round with RoundPlanner.AddCasesAsync: one transaction with its audit entry.", Result = "cases added")]
    [Target(Seconds = 1, Baseline = nameof(InsertBulk500))]
    public Task<int> Csv500RowsImported() => ImportAsync("sample.csv", _csv500);

    [Benchmark]
    [Measure("The same 500 rows as an .xlsx workbook, read with ClosedXML, checked and added in one transaction.", Result = "cases added")]
    [Target(Seconds = 1, Baseline = nameof(InsertBulk500))]
    public Task<int> Xlsx500RowsImported() => ImportAsync("sample.xlsx", _xlsx500);

    private int Refused(string fileName, byte[] file)
    {
        var result = Read(_refusing, fileName, file);
        if (result.Succeeded || result.Problems.All(p => p.Message != SampleImport.TooManyCases))
        {
            throw new InvalidOperationException($"Expected {fileName} to be refused as too many cases: {string.Join("; ", result.Problems)}");
        }

        return _planner!.CasesOf(_refusing.Id).Count;
    }

    private async Task<int> ImportAsync(string fileName, byte[] file)
    {
        // A new round each time, so every run adds its 500 cases to an empty sample.
        var round = NewRound();
        var result = Read(round, fileName, file);
        if (!result.Succeeded || await _planner!.AddCasesAsync(round.Id, result.Cases, Event(), $"imported from {fileName}") is { } refusal)
        {
            throw new InvalidOperationException($"{fileName} was not imported: {string.Join("; ", result.Problems)}");
        }

        return result.Cases.Count;
    }

    private SampleImportResult Read(Round round, string fileName, byte[] file)
    {
        using var content = new MemoryStream(file);
        return SampleImport.Read(fileName, content, file.Length, round.AgencyIds, typed => _planner!.AgencyByName(round, typed),
            _planner!.CasesOf(round.Id).Select(c => c.Reference).ToList());
    }

    private Round NewRound() => _writer!.Write(change =>
    {
        var round = new Round { Title = "Import round", TemplateId = "use-of-history", TemplateVersion = "1.0", AgencyIds = [.. _agencies], CreatedAt = change.Now, CreatedBy = "benchmark" };
        change.Store.Rounds.Insert(round);
        return round;
    });

    private static Actor Event() => new(null, "benchmark");

    // Header and rows of text, every column filled and valid; references unique.
    private string[][] Rows(int count)
    {
        string[] header = [.. SampleImport.Columns.Select(c => c.Name)];
        var rows = new List<string[]> { header };
        for (var i = 1; i <= count; i++)
        {
            rows.Add([
                $"IM-2026-{i:0000}", CaseFacts.AgeBands[i % 4], CaseFacts.Levels[i % 5],
                $"{CaseFacts.NeglectCategories[i % 7]}; {CaseFacts.NeglectCategories[(i + 3) % 7]}", CaseFacts.Genders[i % 4],
                CaseFacts.EthnicityGroups[i % 6], CaseFacts.RiskFactors[i % 5], CaseFacts.AssessmentTools[i % 3],
                $"{_agencies[i % 8]}; {_agencies[(i + 1) % 8]}; {_agencies[(i + 5) % 8]}",
            ]);
        }

        return [.. rows];
    }

    private static byte[] Csv(string[][] rows) =>
        Encoding.UTF8.GetBytes(string.Join("\r\n", rows.Select(r => string.Join(",", r.Select(v => v.Contains(',') ? $"\"{v}\"" : v)))) + "\r\n");

    private static byte[] Xlsx(string[][] rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Cases");
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                sheet.Cell(r + 1, c + 1).SetValue(rows[r][c]);
            }
        }

        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }
}

// The app served on Kestrel at 127.0.0.1 to 32 signed-in clients (each its own cookies, one
// request at a time), on a copy of the synthetic partnership with a grading round added for
// them (LoadData). Each measure: a warm-up, then a fixed time; latency per request, and requests
// per second; baselines are the same clients' GET /account against the same server, just before.
[Area("Served pages (load, loopback)", "The app (Release build, Development environment) in a child process on 127.0.0.1, serving a copy of the synthetic partnership plus a grading round on its 30-question template (4 cases × 8 agencies = 32 returns) and 32 auditors (4 per agency), one return each. The shipped templates have 14–20 questions; the synthetic template has exactly the 30 the target names, in 5 sections of 6, and a return is answered a section at a time, so the form and its save are measured at one section's size. Clients run in the harness's process; both share the machine's cores. Warm-up 2 s (quick) or 3 s, then 6 s (quick) or 10 s timed.")]
public sealed class ServedPages : LoadAreaBase
{
    private string _folder = "";
    private ServedApp? _app;
    private LoadPeople _people = null!;
    private List<Auditor> _auditors = [];
    private ServedApp.Client? _coordinator;

    public override async Task SetUpAsync()
    {
        _folder = Directory.CreateTempSubdirectory("caseaudit-load-").FullName;
        var dataFile = Path.Combine(_folder, "caseaudit.db");
        File.Copy(DataFile, dataFile);
        _people = LoadData.Prepare(dataFile);
        _app = await ServedApp.StartAsync(dataFile, "/health", TimeSpan.FromSeconds(90));
        _coordinator = _app.NewClient();
        await _coordinator.SignInAsync(_people.Coordinator, LoadData.Password);
        _auditors = [.. await Task.WhenAll(_people.Auditors.Select(async a =>
        {
            var auditor = new Auditor(_app.NewClient(), a.ReturnId, _people);
            await auditor.Client.SignInAsync(a.UserName, LoadData.Password);
            await auditor.ReloadAsync();
            return auditor;
        }))];
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var a in _auditors)
        {
            a.Client.Dispose();
        }

        _coordinator?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_folder.Length > 0)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Measure("Baseline: signed-in GET /account (the person's own account page) by the 32 auditors at once.")]
    public Task<LoadResult> AccountPage32() => RunAsync(_auditors, a => a.Client.GetAsync("/account"));

    [Measure("Return draft save: POST /returns/{id}/sections/{first} (the section's 6 questions' grade and evidence, one evidence text changed each time) by the 32 auditors at once, each to its own return with the version it last saw; a 302 on to the next section is a save.")]
    [LoadTarget(P95Milliseconds = 25, RateOfBaseline = 0.5, Baseline = nameof(AccountPage32))]
    public Task<LoadResult> ReturnSave32() => RunAsync(_auditors, a => a.SaveAsync());

    [Measure("A return section's form: GET /returns/{id}/sections/{first} (6 questions, answered) by the 32 auditors at once, each its own.")]
    [LoadTarget(P50Milliseconds = 15, Baseline = nameof(AccountPage32))]
    public Task<LoadResult> ReturnForm32() => RunAsync(_auditors, a => a.Client.GetAsync(a.SectionPath));

    [Measure("Baseline: signed-in GET /account by one auditor alone, one request after another.")]
    public Task<LoadResult> AccountPageAlone() => RunAsync(_auditors[..1], a => a.Client.GetAsync("/account"));

    [Measure("One client saving alone: POST /returns/{id}/sections/{first} draft save by one auditor, one after another.")]
    [LoadTarget(P50Milliseconds = 5, Baseline = nameof(AccountPageAlone))]
    public Task<LoadResult> ReturnSaveAlone() => RunAsync(_auditors[..1], a => a.SaveAsync());

    [Measure("Findings page: GET /rounds/{id}/findings for the synthetic partnership's latest published round (40 cases × 8 agencies × 30 questions) by the Coordinator alone, one after another. Baseline: one signed-in person's /account, the cost of any signed-in page on this server.")]
    [LoadTarget(P50Milliseconds = 40, Baseline = nameof(AccountPageAlone))]
    public Task<LoadResult> FindingsPage() => RunAsync(new[] { _coordinator! }, c => c.GetAsync($"/rounds/{_people.FindingsRoundId}/findings"));

    private sealed class Auditor(ServedApp.Client client, string returnId, LoadPeople people)
    {
        private int _version;
        private string _token = "";
        private int _saves;

        public ServedApp.Client Client { get; } = client;

        public string ReturnId { get; } = returnId;

        public string SectionPath => $"/returns/{ReturnId}/sections/{people.SectionId}";

        public async Task ReloadAsync()
        {
            var html = await Client.PageAsync(SectionPath);
            _token = ServedApp.Client.Token(html);
            _version = ServedApp.Client.HiddenVersion(html);
        }

        public async Task<bool> SaveAsync()
        {
            var changed = _saves++ % people.QuestionIds.Count;
            var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", _token), new("version", $"{_version}") };
            for (var q = 0; q < people.QuestionIds.Count; q++)
            {
                var field = $"Answers[{people.QuestionIds[q]}]";
                form.Add(new($"{field}.Grade", people.Grades[q % people.Grades.Count]));
                form.Add(new($"{field}.Evidence", $"Case notes from the period record that concerns were shared with social care within two working days ({(q == changed ? _saves : 0)} entries reviewed)."));
                form.Add(new($"{field}.Strengths", ""));
                form.Add(new($"{field}.Better", ""));
            }

            using var response = await Client.Http.PostAsync(SectionPath, new FormUrlEncodedContent(form));
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == $"/returns/{ReturnId}/sections/{people.NextSectionId}")
            {
                _version++;
                return true;
            }

            // Not saved (a conflict would show the form again): start again from what is stored.
            await ReloadAsync();
            return false;
        }
    }
}

// The app's own start, in a child process as it is run: `dotnet CaseAudit.Web.dll` on a new
// empty data file in Development, which publishes the shipped templates and seeds the demo
// partnership, until GET /sign-in first answers 200.
[Area("Cold start", "`dotnet CaseAudit.Web.dll` (Release build) started from nothing, 3 times (quick) or 5, each on a new empty data file in its own folder.")]
public sealed class ColdStart : LoadAreaBase
{
    private readonly string _folder = Directory.CreateTempSubdirectory("caseaudit-start-").FullName;

    private static int Runs => Quick ? 3 : 5;

    public override Task SetUpAsync() => Task.CompletedTask;

    public override ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Measure("Baseline: the same runtime starting the same app for its `audit verify` command on a missing data file (host configuration built, nothing opened), until the process exits.")]
    public async Task<LoadResult> CommandStart()
    {
        var times = new List<double>();
        var total = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var process = ServedApp.StartProcess(["audit", "verify"], new Dictionary<string, string> { ["CaseAudit__DataFile"] = Path.Combine(_folder, $"missing-{i}.db") });
            await process.WaitForExitAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (process.ExitCode != 2)
            {
                throw new InvalidOperationException($"`audit verify` on a missing file exited {process.ExitCode}, not 2.");
            }
        }

        return new LoadResult(times, total.Elapsed, 1, 0, What: "starts");
    }

    [Measure("Cold start: from starting the process on a new empty data file (Development: shipped templates published, demo partnership seeded) to the first 200 of GET /sign-in.")]
    [LoadTarget(P50Milliseconds = 3000, Baseline = nameof(CommandStart))]
    public async Task<LoadResult> FirstSignInPage()
    {
        var times = new List<double>();
        var total = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            var dataFile = Path.Combine(_folder, $"start-{i}", "caseaudit.db");
            Directory.CreateDirectory(Path.GetDirectoryName(dataFile)!);
            await using var app = await ServedApp.StartAsync(dataFile, "/sign-in", TimeSpan.FromSeconds(60));
            times.Add(app.Started.Elapsed.TotalMilliseconds);
            if (!app.Output().Contains("Demo partnership created", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The demo was not seeded:\n{app.Output()}");
            }
        }

        return new LoadResult(times, total.Elapsed, 1, 0, What: "starts");
    }
}
