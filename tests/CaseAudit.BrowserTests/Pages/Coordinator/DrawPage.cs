using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Coordinator;

/// /rounds/{id}/draw: a pool of candidate cases, how many to sample and what to keep in proportion.
public sealed class DrawPage(IPage page)
{
    public static async Task<DrawPage> ExpectAsync(Journey journey, IPage page, string state = "Draw a sample from a pool")
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Draw a sample from a pool", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, state);
        return new DrawPage(page);
    }

    public async Task ChoosePoolAsync(string fileName, byte[] workbook) =>
        await page.GetByLabel("Pool of candidate cases").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = workbook });

    public async Task FillAsync(string sampleSize, params string[] keepInProportionBy)
    {
        await page.GetByLabel("How many cases to sample").FillAsync(sampleSize);
        foreach (var fact in keepInProportionBy)
        {
            await page.GetByRole(AriaRole.Group, new() { Name = "Keep the sample in proportion by" }).GetByLabel(fact, new() { Exact = true }).CheckAsync();
        }
    }

    public async Task DrawAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Draw the sample" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}
