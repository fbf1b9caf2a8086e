using System.Text.RegularExpressions;
using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Coordinator;

/// /rounds/{id}: the round's details, status and moves, its sample (or, once grading starts,
/// progress by case and agency) and the learning summary workbook.
public sealed class RoundPage(IPage page)
{
    public IPage Page => page;

    public static async Task<RoundPage> ExpectAsync(Journey journey, IPage page, string title, string status, string state)
    {
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Assertions.Expect(heading).ToContainTextAsync(title);
        await Assertions.Expect(heading.Locator(".govuk-tag")).ToHaveTextAsync(status);
        await journey.CheckAsync(page, state);
        return new RoundPage(page);
    }

    /// From the rounds list, by the start of its title (a demo round's title holds its dates).
    public static async Task<RoundPage> OpenAsync(Journey journey, IPage page, string titleStart, string status)
    {
        await page.GotoAsync("/rounds");
        await journey.CheckAsync(page, "Audit rounds");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^" + Regex.Escape(titleStart)) }).ClickAsync();
        return await ExpectAsync(journey, page, titleStart, status, $"Round {titleStart}… ({status})");
    }

    public async Task<string> TitleAsync() =>
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).EvaluateAsync<string>("h => h.firstChild.textContent")).Trim();

    public string Id => new Uri(page.Url).AbsolutePath.Split('/')[2];

    public async Task ExpectDoneAsync(string message) =>
        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync(message);

    public ILocator SampleRows => page.Locator("#sample-table tbody tr");

    public ILocator SampleRow(string reference) => SampleRows.Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = reference, Exact = true }) });

    public async Task AddCaseAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a case" }).ClickAsync();
    }

    public async Task ImportSampleAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Import a sample" }).ClickAsync();
    }

    public async Task DrawSampleAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Draw a sample from a pool" }).ClickAsync();
    }

    /// A move's button opens its confirmation page.
    public async Task OpenMoveAsync(string label)
    {
        await page.Locator("#moves").GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).ClickAsync();
    }

    public ILocator Moves => page.Locator("#moves");

    /// "3 of 20 returns completed" above the progress grid.
    public async Task<(int Submitted, int Total)> ProgressAsync()
    {
        await Assertions.Expect(page.Locator("#progress-grid")).ToBeVisibleAsync();
        var text = await page.GetByText(new Regex(@"^\d+ of \d+ returns completed\.$")).InnerTextAsync();
        var m = Regex.Match(text, @"^(\d+) of (\d+)");
        return (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// The status tag of one agency's return for a case, in the progress grid.
    public ILocator ProgressCell(string reference, int agencyColumn) =>
        page.Locator("#progress-grid tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = reference }) }).Locator("td").Nth(agencyColumn);

    public async Task OpenLinkAsync(string name) =>
        await page.GetByRole(AriaRole.Link, new() { Name = name }).First.ClickAsync();

    /// The learning summary workbook as the round page's link downloads it.
    public async Task<(string FileName, string Path)> DownloadLearningSummaryAsync(string linkText)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#learning-summary-links").GetByRole(AriaRole.Link, new() { Name = linkText }).ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, path!);
    }
}
