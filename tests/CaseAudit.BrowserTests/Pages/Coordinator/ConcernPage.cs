using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Coordinator;

/// /rounds/{id}/concerns/{id}: an immediate safeguarding concern an auditor raised, and the
/// Coordinator's follow-up that closes it (a round cannot be published while one is open).
public sealed class ConcernPage(IPage page)
{
    public static async Task<ConcernPage> OpenFromRoundAsync(Journey journey, IPage page, string caseReference)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Read it and record the follow-up" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Immediate safeguarding concern: case {caseReference}", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, $"Safeguarding concern on {caseReference}");
        return new ConcernPage(page);
    }

    public async Task RecordFollowUpAsync(string followUp)
    {
        await page.GetByLabel("Record the follow-up").FillAsync(followUp);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record follow-up and close the concern" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}
