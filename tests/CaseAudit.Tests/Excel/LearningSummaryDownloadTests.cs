using System.Net;
using ClosedXML.Excel;
using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Excel;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Excel;

/// The demo's published round as a learning-summary workbook, downloaded as each role would and
/// read back sheet by sheet.
public sealed class LearningSummaryDownloadTests
{
    private static async Task<byte[]> DownloadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportFile.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static IReadOnlyList<string> DemoEvidence(CaseAuditStore store) =>
        store.Returns.Find(r => r.RoundId == DemoRounds.PublishedRoundId).ToList()
            .SelectMany(r => r.Answers.Values).Select(a => a.Evidence).Where(e => !string.IsNullOrWhiteSpace(e) && e!.Length > 20).Select(e => e!).Distinct().ToList();

    [Fact]
    public async Task The_board_copy_from_the_board_page_has_every_sheet_but_no_evidence_and_no_raw_gradings()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var board = await app.SignInAsDemoAsync("demo.board");
        var page = await board.GetDocumentAsync($"/board/rounds/{DemoRounds.PublishedRoundId}");
        var link = page.QuerySelector("#board-links a[href*='handler=LearningSummary']")!.GetAttribute("href")!;

        var content = await DownloadAsync(board, link);
        using var workbook = new XLWorkbook(new MemoryStream(content));
        Assert.Equal(
            ["Cover", "Contents", "Notes", "Headlines", "By question", "By agency", "By section", "By JTAI point", "By sample group", "Heat map", "Agreement",
                "Case grid", "Sample", "Learning", "Action plan", "Case actions"],
            workbook.Worksheets.Select(w => w.Name));
        var evidence = DemoEvidence(store);
        Assert.NotEmpty(evidence);
        var text = WorkbookChecks.AllText(workbook).ToList();
        Assert.DoesNotContain(text, cell => evidence.Any(e => cell.Contains(e, StringComparison.Ordinal)));
        Assert.Equal("Board", workbook.CustomProperties.CustomProperty(WorkbookIdentity.Copy).GetValue<string>());
        Assert.Contains(store.AuditEntries.FindAll(), e => e.Type == "export.learning-summary" && e.ActorName == "demo.board" && e.Subject == $"round:{DemoRounds.PublishedRoundId}");
    }

    [Fact]
    public async Task The_coordinator_copy_adds_raw_gradings_with_evidence_and_both_copies_are_valid_and_accessible()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var coordinator = await app.SignInAsDemoAsync("demo.coordinator");
        var page = await coordinator.GetDocumentAsync($"/rounds/{DemoRounds.PublishedRoundId}");
        var links = page.QuerySelectorAll("#learning-summary-links a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(2, links.Count);

        foreach (var link in links)
        {
            var content = await DownloadAsync(coordinator, link);
            Assert.Empty(WorkbookChecks.SchemaErrors(content));
            using var workbook = new XLWorkbook(new MemoryStream(content));
            Assert.Empty(WorkbookChecks.AccessibilityProblems(workbook));
            var full = link.Contains("copy=coordinator", StringComparison.Ordinal);
            Assert.Equal(full, workbook.Worksheets.Contains(LearningSummaryWorkbook.RawGradingsSheet));
            if (full)
            {
                var raw = workbook.Worksheet(LearningSummaryWorkbook.RawGradingsSheet);
                var evidence = DemoEvidence(store);
                var rawText = raw.Table("Table_raw_gradings").DataRange.Rows().Select(r => r.Cell(8).GetString()).ToHashSet();
                Assert.Contains(evidence[0], rawText);
                var graded = store.Returns.Find(r => r.RoundId == DemoRounds.PublishedRoundId && r.Status == CaseAudit.Web.Domain.Rounds.ReturnStatus.Submitted).ToList()
                    .Sum(r => r.Answers.Count(a => a.Value.Grade is not null || a.Value.NotApplicable));
                Assert.Equal(graded, raw.Table("Table_raw_gradings").DataRange.RowCount());
            }
        }

        Assert.Equal(2, store.AuditEntries.Count(e => e.Type == "export.learning-summary" && e.ActorName == "demo.coordinator"));
    }

    [Fact]
    public async Task The_workbook_is_refused_to_roles_and_rounds_it_is_not_for()
    {
        await using var app = DemoApps.New();
        var board = await app.SignInAsDemoAsync("demo.board");
        var auditor = await app.SignInAsDemoAsync("demo.auditor.police");
        var coordinator = await app.SignInAsDemoAsync("demo.coordinator");
        var published = DemoRounds.PublishedRoundId;
        var grading = DemoRounds.GradingRoundId;

        // The board never gets the Coordinator's copy, however the address is made.
        Assert.Equal(HttpStatusCode.Forbidden, (await board.GetAsync($"/rounds/{published}?handler=LearningSummary&copy=coordinator")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/rounds/{published}?handler=LearningSummary")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/board/rounds/{published}?handler=LearningSummary")).StatusCode);
        // Before the panel stage there is nothing to summarise; the board sees published rounds only.
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/rounds/{grading}?handler=LearningSummary&copy=coordinator")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await board.GetAsync($"/board/rounds/{grading}?handler=LearningSummary")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/rounds/no-such-round?handler=LearningSummary")).StatusCode);
    }
}
