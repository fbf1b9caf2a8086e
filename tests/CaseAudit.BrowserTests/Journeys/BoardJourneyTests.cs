using System.Text.RegularExpressions;
using CaseAudit.BrowserTests.Pages;
using CaseAudit.BrowserTests.Pages.Board;
using CaseAudit.BrowserTests.Support;
using CaseAudit.Web.Excel;

namespace CaseAudit.BrowserTests.Journeys;

/// The board member's journey through the demo's published round: the summary with its charts
/// and the tables of the same numbers, the briefing, the action plan and the board's workbook,
/// and a return's evidence refused when its address is typed in.
[Collection(BrowserCollection.Name)]
public sealed partial class BoardJourneyTests(Chromium chromium)
{
    public const string PublishedRound = "Use of history: autumn 2025";

    // The Coordinator signs in without an authenticator, to show what a return's address holds.
    private static readonly Dictionary<string, string> NoMfa = new() { ["CaseAudit__RequireMfa"] = "false" };

    [Fact]
    public async Task A_board_member_reads_the_published_round_downloads_its_workbook_and_is_refused_a_returns_evidence()
    {
        await using var app = await ServedCaseAudit.StartAsync(settings: NoMfa);
        await Journey.RunAsync(chromium, app, async journey =>
        {
            // The board member's summary.
            var board = await journey.PersonAsync("demo.board");
            await SignInPage.SignInAsDemoAsync(journey, board, "demo.board");
            var audits = await PublishedAuditsPage.OpenFromNavigationAsync(journey, board);
            var summary = await audits.OpenRoundAsync(PublishedRound);
            Assert.Matches("/board/rounds/[^/]+$", board.Url);
            await Assertions.Expect(summary.Overall).ToContainTextAsync("good or better");

            // Each chart is an image with a name and a description that points to its table,
            // and the table beside it has the chart's numbers.
            var questionChart = summary.Chart(BoardSummaryPage.QuestionChartName);
            await Assertions.Expect(questionChart).ToBeVisibleAsync();
            await Assertions.Expect(questionChart).ToHaveAccessibleNameAsync(new Regex("The same numbers are in the table after the chart"));
            var bars = await summary.QuestionBarsAsync();
            var questionRows = await BoardSummaryPage.RowsAsync(summary.QuestionTable);
            var questionHeaders = await BoardSummaryPage.HeadersAsync(summary.QuestionTable);
            var n = Array.IndexOf(questionHeaders, "n");
            var goodOrBetter = Array.IndexOf(questionHeaders, "Good or better");
            Assert.True(bars.Length > 5, $"The question chart has {bars.Length} bars.");
            Assert.Equal(bars.Select(b => b.Label), questionRows.Select(r => r[0]));
            foreach (var (bar, row) in bars.Zip(questionRows))
            {
                Assert.Equal(bar.Value, $"{row[goodOrBetter]} (n = {row[n]})");
            }

            var heatMap = summary.Chart(BoardSummaryPage.HeatMapChartName);
            await Assertions.Expect(heatMap).ToBeVisibleAsync();
            await Assertions.Expect(heatMap).ToHaveAccessibleNameAsync(new Regex("The same numbers are in the table after the chart"));
            var cells = await summary.HeatMapCellsAsync();
            var heatRows = await BoardSummaryPage.RowsAsync(summary.HeatMapTable);
            // Agencies, then the panel's row: the demo's round was moderated throughout, so this
            // is where the agencies went missing when the heat map took the findings' gradings.
            Assert.True(cells.Length >= 3, $"The heat map has {cells.Length} rows: {string.Join(", ", cells.Select(c => c[0]))}");
            Assert.Equal("Panel's agreed grade", cells[^1][0]);
            Assert.Equal(cells.Select(c => c[0]), heatRows.Select(r => r[0]).Select(l => l.Replace(" (moderated cases; not an agency)", "")));
            foreach (var (chartRow, tableRow) in cells.Zip(heatRows))
            {
                Assert.Equal(chartRow.Length, tableRow.Length);
                for (var c = 1; c < chartRow.Length; c++)
                {
                    // "58%" in the chart, "58% (7 of 12)" in the table; "no data" / "No data".
                    Assert.StartsWith(chartRow[c], tableRow[c], StringComparison.OrdinalIgnoreCase);
                }
            }

            // The action plan, with its RAG counts.
            await Assertions.Expect(board.Locator("#rag-counts")).ToHaveTextAsync(new Regex(@"^\d+ \w+(, \d+ \w+)*$"));
            var actions = await BoardSummaryPage.RowsAsync(summary.ActionPlan);
            Assert.NotEmpty(actions);
            Assert.Contains(actions, a => a[4] is "Red" or "Amber" or "Green" or "Complete");

            // The board's workbook: the round's findings, never a return's evidence.
            var workbook = DownloadedWorkbook.Open(await summary.DownloadLearningSummaryAsync(app.Folder));
            Assert.DoesNotContain(LearningSummaryWorkbook.RawGradingsSheet, workbook.Sheets);
            Assert.Contains(LearningSummaryWorkbook.ByQuestionSheet, workbook.Sheets);
            Assert.Equal(questionRows.Select(r => r[0]), workbook.Column(LearningSummaryWorkbook.ByQuestionSheet, "Question"));
            Assert.Equal(questionRows.Select(r => r[n]), workbook.Column(LearningSummaryWorkbook.ByQuestionSheet, "Grades counted (n)"));

            // The briefing, and back.
            var briefing = await summary.OpenBriefingAsync();
            await Assertions.Expect(briefing.Section("What we found")).ToBeVisibleAsync();
            await Assertions.Expect(briefing.Overall).ToContainTextAsync("good or better");
            await Assertions.Expect(briefing.Section("What to do now")).ToBeVisibleAsync();
            await briefing.BackToSummaryAsync(PublishedRound);

            // What a return holds: the Coordinator's copy has every grading's evidence, and a
            // return's own page shows it.
            var coordinator = await journey.PersonAsync("demo.coordinator");
            await SignInPage.SignInAsDemoAsync(journey, coordinator, "demo.coordinator");
            await coordinator.GotoAsync("/rounds");
            await journey.CheckAsync(coordinator, "Rounds");
            await coordinator.GetByRole(AriaRole.Link, new() { Name = PublishedRound, Exact = true }).ClickAsync();
            await Assertions.Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = PublishedRound, Level = 1 })).ToBeVisibleAsync();
            await journey.CheckAsync(coordinator, "Coordinator's round page");
            Assert.Equal(RoundId().Match(board.Url).Groups[1].Value, RoundId().Match(coordinator.Url).Groups[1].Value);
            var download = await coordinator.RunAndWaitForDownloadAsync(() =>
                coordinator.GetByRole(AriaRole.Link, new() { Name = "Download the Coordinator's copy, with every grading and its evidence (Excel workbook)" }).ClickAsync());
            var coordinatorCopyPath = Path.Combine(app.Folder, "coordinator-" + download.SuggestedFilename);
            await download.SaveAsAsync(coordinatorCopyPath);
            var coordinatorCopy = DownloadedWorkbook.Open(coordinatorCopyPath);
            var evidence = coordinatorCopy.Column(LearningSummaryWorkbook.RawGradingsSheet, "Evidence").Where(e => e.Length > 20).Distinct().ToList();
            Assert.True(evidence.Count > 50, $"The demo's published round has only {evidence.Count} pieces of evidence.");

            var view = coordinator.GetByRole(AriaRole.Link, new() { Name = "View" }).First;
            var returnAddress = await view.GetAttributeAsync("href") ?? throw new InvalidOperationException("A return link without an address.");
            await view.ClickAsync();
            await Assertions.Expect(coordinator).ToHaveURLAsync(new Regex(Regex.Escape(returnAddress) + "$"));
            await journey.CheckAsync(coordinator, "A return, as the Coordinator sees it");
            var returnText = await coordinator.Locator("main").InnerTextAsync();
            var returnsEvidence = evidence.Where(returnText.Contains).ToList();
            Assert.NotEmpty(returnsEvidence);
            var returnId = returnAddress.Split('/')[^1];

            // Nothing a return's auditor wrote is in the board's copy.
            var text = workbook.AllText.ToList();
            var leaked = evidence.Where(e => text.Any(cell => cell.Contains(e, StringComparison.Ordinal))).ToList();
            Assert.True(leaked.Count == 0, $"The board's workbook holds {leaked.Count} pieces of return evidence, e.g. \"{leaked.FirstOrDefault()}\".");
            Assert.DoesNotContain(text, cell => cell == "Evidence");

            // A return's evidence, by its address: refused, with nothing of the return on the page.
            foreach (var address in new[] { returnAddress, $"/returns/{returnId}", $"/returns/{returnId}/check" })
            {
                await journey.ExpectRefusalAsync(board, address);
                await journey.CheckAsync(board, $"{address}, refused to the board member");
                var shown = await board.Locator("body").InnerTextAsync();
                Assert.DoesNotContain(evidence, shown.Contains);
            }
        });
    }

    [Fact]
    public async Task The_board_summary_and_the_briefing_print_on_A4_without_the_sites_navigation()
    {
        await using var app = await ServedCaseAudit.StartAsync();
        await Journey.RunAsync(chromium, app, async journey =>
        {
            var board = await journey.PersonAsync("demo.board");
            await SignInPage.SignInAsDemoAsync(journey, board, "demo.board");
            var audits = await PublishedAuditsPage.OpenFromNavigationAsync(journey, board);
            var summary = await audits.OpenRoundAsync(PublishedRound);
            await ExpectPrintsOnA4Async(journey, board, "board summary", app.Folder, mostPages: 8); // 6 in the demo

            await board.EmulateMediaAsync(new() { Media = Media.Screen });
            await board.SetViewportSizeAsync(Journey.DesktopWidth, 900);
            await summary.OpenBriefingAsync();
            // One sheet of A4, both sides.
            await ExpectPrintsOnA4Async(journey, board, "7-minute briefing", app.Folder, mostPages: 2);
        });
    }

    private static async Task ExpectPrintsOnA4Async(Journey journey, IPage page, string what, string folder, int mostPages)
    {
        var printed = await PrintedPage.EmulateA4Async(page);
        await journey.CheckAsync(page, $"The {what}, printed");
        foreach (var (furniture, where, always) in printed.Furniture)
        {
            Assert.True(!always || await where.CountAsync() > 0, $"The {what} has no {furniture} to hide: the check would prove nothing.");
            foreach (var element in await where.AllAsync())
            {
                await Assertions.Expect(element).ToBeHiddenAsync(new() { Timeout = 2_000 });
            }
        }

        var wider = await printed.WiderThanThePageAsync();
        Assert.True(wider.Length == 0, $"Printed, the {what} has elements past A4's printable width ({PrintedPage.PrintableWidth} px): {string.Join("; ", wider)}");
        Assert.True(await printed.DocumentWidthAsync() <= PrintedPage.PrintableWidth, $"The printed {what} is {await printed.DocumentWidthAsync()} px wide.");
        var split = await printed.FiguresThatMaySplitAsync();
        Assert.True(split.Length == 0, $"Printed, these charts may be parted from their headings: {string.Join("; ", split)}");
        var pages = await printed.PrintedPageCountAsync(Path.Combine(folder, what.Replace(' ', '-') + ".pdf"));
        Assert.InRange(pages, 1, mostPages);
    }

    [GeneratedRegex("/rounds/([^/?#]+)$")]
    private static partial Regex RoundId();
}
