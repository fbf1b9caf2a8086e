using ClosedXML.Excel;
using CaseAudit.Tests.Excel;
using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Excel;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.CommandLine;

/// `export ...` as a real process, next to a running app that holds the data file.
public sealed class ExportCommandTests
{
    private static Task<AppProcess.Result> ExportAsync(CaseAuditApp app, params string[] args) =>
        AppProcess.RunAsync(app.TempFolder, new Dictionary<string, string>
        {
            ["CaseAudit__DataFile"] = app.DataFile,
            ["CaseAudit__ExportsFolder"] = Path.Combine(app.TempFolder, "exports"),
            ["CaseAudit__Partnership"] = "Northshire Safeguarding Children Partnership",
        }, ["export", .. args]);

    [Fact]
    public async Task A_round_workbook_is_written_while_the_app_holds_the_data_file_and_the_export_reaches_the_audit_trail()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        Assert.True(DataFileLock.IsHeld(app.DataFile));

        var result = await ExportAsync(app, "round", DemoRounds.PublishedRoundId, "--coordinator", "--out", "board-papers/summary.xlsx");

        Assert.True(result.ExitCode == 0, result.Output);
        var written = Path.Combine(app.TempFolder, "board-papers", "summary.xlsx");
        using (var workbook = new XLWorkbook(written))
        {
            Assert.Empty(WorkbookChecks.AccessibilityProblems(workbook));
            Assert.True(workbook.Worksheets.Contains(LearningSummaryWorkbook.RawGradingsSheet));
            Assert.Equal("Northshire Safeguarding Children Partnership", workbook.Properties.Author);
        }

        Assert.Contains("adds this export to the audit trail", result.Output);
        AuditInbox.Drain(app.DataFile, app.Services.GetRequiredService<AuditTrail>());
        var entry = Assert.Single(store.AuditEntries.Find(e => e.Type == "export.learning-summary"));
        Assert.StartsWith("command line (", entry.ActorName);
        Assert.Equal($"round:{DemoRounds.PublishedRoundId}", entry.Subject);
        Assert.Contains("written to summary.xlsx on the command line", entry.Summary);
        Assert.True(app.Services.GetRequiredService<AuditTrail>().VerifyAll().Ok);
    }

    [Fact]
    public async Task The_board_copy_goes_to_the_exports_folder_by_default_and_is_audited_directly_when_the_app_is_stopped()
    {
        var folder = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N"));
        var dataFile = Path.Combine(folder, "caseaudit.db");
        await using (var app = new CaseAuditApp(environment: "Development", settings: new() { ["CaseAudit:DataFile"] = dataFile }))
        {
            _ = app.Services.GetRequiredService<CaseAuditStore>();
        }

        // The test host finishes disposing the app's services on its own thread; give it a moment.
        for (var i = 0; i < 100 && DataFileLock.IsHeld(dataFile); i++)
        {
            await Task.Delay(100);
        }

        Assert.False(DataFileLock.IsHeld(dataFile));
        var exports = Path.Combine(folder, "exports");
        var result = await AppProcess.RunAsync(folder, new Dictionary<string, string> { ["CaseAudit__DataFile"] = dataFile, ["CaseAudit__ExportsFolder"] = exports },
            "export", "round", DemoRounds.PublishedRoundId);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Recorded in the audit trail.", result.Output);
        var written = Assert.Single(Directory.GetFiles(exports));
        Assert.Matches(@"use-of-history-autumn-2025-learning-summary-\d{4}-\d{2}-\d{2}\.xlsx$", written);
        using (var workbook = new XLWorkbook(written))
        {
            Assert.False(workbook.Worksheets.Contains(LearningSummaryWorkbook.RawGradingsSheet));
        }

        using var store = new CaseAuditStore(dataFile, readOnly: true);
        Assert.Single(store.AuditEntries.Find(e => e.Type == "export.learning-summary"));
        Assert.True(AuditTrail.Verify(AuditTrail.All(store)).Ok);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_partnership_and_year_exports_are_written_while_the_app_runs_and_both_reach_the_audit_trail()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var published = CaseAudit.Web.Excel.YearSummaryReader.PublishedAt(store.Rounds.FindById(DemoRounds.PublishedRoundId))!.Value;
        var day = DateOnly.FromDateTime(published);

        var partnership = await ExportAsync(app, "partnership", "--out", "gradings.xlsx");
        var year = await ExportAsync(app, "year", day.AddDays(-1).ToString("yyyy-MM-dd"), day.AddDays(1).ToString("yyyy-MM-dd"));

        Assert.True(partnership.ExitCode == 0, partnership.Output);
        Assert.True(year.ExitCode == 0, year.Output);
        using (var gradings = new XLWorkbook(Path.Combine(app.TempFolder, "gradings.xlsx")))
        {
            var table = gradings.Worksheet(PartnershipExport.GradingsSheet).Table(PartnershipExport.TableName);
            Assert.DoesNotContain(table.HeadersRow().Cells(), c => c.GetString() == "Evidence");
            Assert.Equal(store.Returns.Find(r => r.RoundId == DemoRounds.PublishedRoundId).ToList().Sum(r => r.Answers.Count(x => x.Value.Grade is not null || x.Value.NotApplicable)),
                table.DataRange.RowCount());
        }

        var yearFile = Assert.Single(Directory.GetFiles(Path.Combine(app.TempFolder, "exports"), "year-summary-*.xlsx"));
        using (var summary = new XLWorkbook(yearFile))
        {
            Assert.Empty(WorkbookChecks.AccessibilityProblems(summary));
            Assert.Contains(WorkbookChecks.AllText(summary), t => t == "Use of history: autumn 2025");
        }

        AuditInbox.Drain(app.DataFile, app.Services.GetRequiredService<AuditTrail>());
        Assert.Single(store.AuditEntries.Find(e => e.Type == "export.partnership"));
        Assert.Single(store.AuditEntries.Find(e => e.Type == "export.year-summary"));
    }

    [Theory]
    [InlineData("year", "2026-13-01", "2026-12-31")]
    [InlineData("year", "2026-12-31", "2026-01-01")]
    [InlineData("year", "2026-01-01")]
    [InlineData("partnership", "extra")]
    [InlineData("year", "2026-01-01", "2026-12-31", "--coordinator")]
    [InlineData("round", "no-such-round")]
    [InlineData("round")]
    [InlineData("round", "demo-r2")]
    [InlineData("bogus")]
    [InlineData("round", "demo-r1", "--out")]
    [InlineData("round", "demo-r1", "--colour")]
    public async Task A_bad_id_or_argument_gets_a_clear_message_and_exit_code_2_with_nothing_written(params string[] args)
    {
        await using var app = DemoApps.New();
        _ = app.Services.GetRequiredService<CaseAuditStore>();

        var result = await ExportAsync(app, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(args.Length > 1 && args[1] == "no-such-round" ? "There is no round with id 'no-such-round'" : "", result.Output);
        Assert.False(Directory.Exists(Path.Combine(app.TempFolder, "exports")) && Directory.EnumerateFiles(Path.Combine(app.TempFolder, "exports")).Any());
    }
}
