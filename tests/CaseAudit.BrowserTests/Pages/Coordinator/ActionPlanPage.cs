using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Coordinator;

/// /rounds/{id}/actions and /rounds/{id}/actions/new: the theme's action plan (Ref, aim, lead,
/// timescale, RAG, progress) and a new action answering the round's learning.
public sealed class ActionPlanPage(IPage page)
{
    public static async Task<ActionPlanPage> OpenFromRoundAsync(Journey journey, IPage page)
    {
        await page.Locator("#action-links").GetByRole(AriaRole.Link, new() { Name = "Action plan", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Action plan: ");
        await journey.CheckAsync(page, "Action plan");
        return new ActionPlanPage(page);
    }

    public async Task OpenNewAsync(Journey journey)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Add an action", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add an action to the plan", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Add an action to the plan");
    }

    public async Task FillAsync(string workstream, string aim, string activity, string lead, string agency, DateOnly timescale, params string[] learning)
    {
        await page.GetByRole(AriaRole.Group, new() { Name = "Workstream" }).GetByLabel(workstream, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Aim").FillAsync(aim);
        await page.GetByLabel("Activity").FillAsync(activity);
        await page.GetByLabel("Lead", new() { Exact = true }).FillAsync(lead);
        await page.GetByRole(AriaRole.Group, new() { Name = "Lead agency" }).GetByLabel(agency, new() { Exact = true }).CheckAsync();
        var date = page.GetByRole(AriaRole.Group, new() { Name = "Timescale" });
        await date.GetByLabel("Day").FillAsync(timescale.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await date.GetByLabel("Month").FillAsync(timescale.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await date.GetByLabel("Year").FillAsync(timescale.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var point in learning)
        {
            await page.GetByRole(AriaRole.Group, new() { Name = "Learning points this action answers" }).GetByLabel(point).CheckAsync();
        }
    }

    public async Task AddAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add action" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    public ILocator Action(string reference) => page.Locator($"[id='action-{reference}']");
}
