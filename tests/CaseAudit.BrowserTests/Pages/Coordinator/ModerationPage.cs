using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Coordinator;

/// /rounds/{id}/moderation and a case's /rounds/{id}/moderation/{caseId}: every agency's
/// submitted answers side by side, and what the panel agreed.
public sealed class ModerationPage(IPage page)
{
    public static async Task<ModerationPage> OpenFromRoundAsync(Journey journey, IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Panel moderation: ") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Panel moderation", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Panel moderation");
        return new ModerationPage(page);
    }

    public ILocator CaseRow(string reference) =>
        page.Locator("#cases tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = reference, Exact = true }) });

    public async Task OpenCaseAsync(Journey journey, string reference)
    {
        await CaseRow(reference).GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Case {reference}");
        await journey.CheckAsync(page, $"Moderate case {reference}");
    }

    /// The question ids with an agreed-grade choice on the case page, in order.
    public async Task<IReadOnlyList<string>> QuestionIdsAsync() =>
        await page.Locator("[id^='agree-']").EvaluateAllAsync<string[]>("els => els.map(e => e.id.substring('agree-'.length))");

    public async Task AgreeAsync(string questionId, string grade) =>
        await page.Locator($"[id='agree-{questionId}']").GetByRole(AriaRole.Group).GetByLabel(grade, new() { Exact = true }).CheckAsync();

    public async Task AgreeOverallAsync(string grade, string rationale)
    {
        await page.GetByRole(AriaRole.Group, new() { Name = "Agreed overall grade for this case" }).GetByLabel(grade, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("The panel's rationale").FillAsync(rationale);
    }

    public async Task MarkModeratedAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as moderated" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}
