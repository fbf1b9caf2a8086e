using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Board;

/// /board/rounds/{id}: a published round's summary with its charts, the tables of the same
/// numbers, agreement, learning and the action plan.
public sealed class BoardSummaryPage(Journey journey, IPage page)
{
    public const string QuestionChartName = "Grades by question";
    public const string HeatMapChartName = "Good or better by agency and JTAI evaluation point";

    public IPage Page => page;

    /// A chart by its title: its accessible name is the title followed by its description
    /// (aria-labelledby names both).
    public ILocator Chart(string title) => page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(title) + " ") });

    public ILocator Table(string caption) => page.GetByRole(AriaRole.Table, new() { Name = caption });

    public ILocator QuestionTable => Table("Grades by question (the numbers in the chart)");

    public ILocator HeatMapTable => Table("Good or better by agency and JTAI evaluation point (the numbers in the heat map)");

    public ILocator ActionPlan => Table("The theme's actions, with their latest progress");

    public ILocator Overall => page.Locator("#overall");

    /// Each bar of the question chart: the question (its full label, from the bar's title) and the
    /// value printed beside it, e.g. "58% (n = 36)".
    public Task<ChartBar[]> QuestionBarsAsync() => Chart(QuestionChartName).EvaluateAsync<ChartBar[]>("""
        svg => [...svg.querySelectorAll('g.app-chart__bar')].map(g => ({
          label: g.querySelector('text.app-chart__label > title').textContent,
          value: g.querySelector('text.app-chart__value').textContent,
        }))
        """);

    /// The heat map's cells as its rows read them: row label, then each cell's printed value.
    public Task<string[][]> HeatMapCellsAsync() => Chart(HeatMapChartName).EvaluateAsync<string[][]>("""
        svg => [...svg.querySelectorAll('g.app-chart__heat-row')].map(g => [
          g.querySelector('text.app-chart__label > title').textContent,
          ...[...g.querySelectorAll('text.app-chart__cell-value, text.app-chart__cell-none')].map(t => t.textContent),
        ])
        """);

    /// A table's body rows as text, row header first.
    public static Task<string[][]> RowsAsync(ILocator table) => table.EvaluateAsync<string[][]>("""
        table => [...table.tBodies].flatMap(b => [...b.rows]).map(r => [...r.cells].map(c => c.textContent.trim().replace(/\s+/g, ' ')))
        """);

    public static Task<string[]> HeadersAsync(ILocator table) => table.EvaluateAsync<string[]>("""
        table => [...table.tHead.rows[0].cells].map(c => c.textContent.trim())
        """);

    /// The board's copy of the learning-summary workbook, saved under folder.
    public async Task<string> DownloadLearningSummaryAsync(string folder)
    {
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download the learning summary (Excel workbook)" }).ClickAsync());
        var path = Path.Combine(folder, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        return path;
    }

    public async Task<BriefingPage> OpenBriefingAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "7-minute briefing for practitioners (printable)" }).ClickAsync();
        await Assertions.Expect(page.GetByText("7-minute briefing", new() { Exact = true })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "7-minute briefing");
        return new BriefingPage(journey, page);
    }

    public sealed class ChartBar
    {
        public string Label { get; set; } = "";

        public string Value { get; set; } = "";
    }
}
