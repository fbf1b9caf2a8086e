using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Coordinator;

/// /rounds/{id}/cases/new: one case of the sample, typed by hand.
public sealed class NewCasePage(IPage page)
{
    public static async Task<NewCasePage> ExpectAsync(Journey journey, IPage page)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add a case to the sample", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Add a case to the sample");
        return new NewCasePage(page);
    }

    public async Task FillAsync(string reference, string ageBand, string level, string[] categories, string[] agencies)
    {
        await page.GetByLabel("Case reference").FillAsync(reference);
        await Choose("Age band", ageBand);
        await Choose("Level of intervention", level);
        foreach (var category in categories)
        {
            await Choose("Categories of neglect", category);
        }

        foreach (var agency in agencies)
        {
            await Choose("Agencies involved with the child", agency);
        }
    }

    private Task Choose(string legend, string option) =>
        page.GetByRole(AriaRole.Group, new() { Name = legend }).GetByLabel(option, new() { Exact = true }).CheckAsync();

    public async Task AddAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add case" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}
