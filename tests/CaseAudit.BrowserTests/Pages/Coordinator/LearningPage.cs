using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Coordinator;

/// /rounds/{id}/learning: the round's strengths and areas for development, each with the
/// questions and cases that evidence it.
public sealed class LearningPage(IPage page)
{
    public static async Task<LearningPage> OpenFromRoundAsync(Journey journey, IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Learning points", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Learning from the round", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Learning from the round");
        return new LearningPage(page);
    }

    public ILocator Points(string kind) => page.Locator($"#learning-{kind} > li");

    public async Task FillAsync(string kind, string text, string[] questions, string[] cases)
    {
        await page.GetByRole(AriaRole.Group, new() { Name = "Kind" }).GetByLabel(kind, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("What did the round show?").FillAsync(text);
        foreach (var question in questions)
        {
            await page.GetByRole(AriaRole.Group, new() { Name = "Questions that evidence it" }).GetByLabel(new System.Text.RegularExpressions.Regex("^" + question + "\\b")).CheckAsync();
        }

        foreach (var reference in cases)
        {
            await page.GetByRole(AriaRole.Group, new() { Name = "Cases that evidence it" }).GetByLabel(reference, new() { Exact = true }).CheckAsync();
        }
    }

    public async Task AddAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add learning point" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}
