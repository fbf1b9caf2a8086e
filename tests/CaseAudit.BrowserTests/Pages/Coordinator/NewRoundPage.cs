using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Coordinator;

/// /rounds/new: a round's title, template, period, deadline and agencies.
public sealed class NewRoundPage(IPage page)
{
    public static async Task<NewRoundPage> OpenAsync(Journey journey, IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Rounds", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit rounds", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Audit rounds");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan a new round" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Plan a new round", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Plan a new round");
        return new NewRoundPage(page);
    }

    public async Task FillAsync(string title, string template, DateOnly from, DateOnly to, DateOnly deadline, params string[] agencies)
    {
        await page.GetByLabel("Round title").FillAsync(title);
        await page.GetByRole(AriaRole.Group, new() { Name = "Template" }).GetByLabel(template, new() { Exact = true }).CheckAsync();
        await FillDateAsync("Period under review: from", from);
        await FillDateAsync("Period under review: to", to);
        await FillDateAsync("Grading deadline", deadline);
        var group = page.GetByRole(AriaRole.Group, new() { Name = "Participating agencies" });
        foreach (var agency in agencies)
        {
            await group.GetByLabel(agency, new() { Exact = true }).CheckAsync();
        }
    }

    public async Task FillDateAsync(string legend, DateOnly date)
    {
        var group = page.GetByRole(AriaRole.Group, new() { Name = legend });
        await group.GetByLabel("Day").FillAsync(date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await group.GetByLabel("Month").FillAsync(date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await group.GetByLabel("Year").FillAsync(date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task CreateAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Create round" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}
