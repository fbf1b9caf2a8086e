using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Board;

/// /board/rounds/{id}/briefing: the printable 7-minute briefing for practitioners.
public sealed class BriefingPage(Journey journey, IPage page)
{
    public ILocator Section(string heading) => page.GetByRole(AriaRole.Region, new() { Name = heading });

    public ILocator Overall => page.Locator("#briefing-overall");

    public async Task<BoardSummaryPage> BackToSummaryAsync(string title)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = $"Back to {title}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, $"Board summary of {title}, again");
        return new BoardSummaryPage(journey, page);
    }
}
