using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Board;

/// /board: the published audits a board member can read.
public sealed class PublishedAuditsPage(Journey journey, IPage page)
{
    public static async Task<PublishedAuditsPage> OpenFromNavigationAsync(Journey journey, IPage page)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Board" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Published audits", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Board: published audits");
        return new PublishedAuditsPage(journey, page);
    }

    public ILocator Round(string title) => page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true });

    public async Task<BoardSummaryPage> OpenRoundAsync(string title)
    {
        await Round(title).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, $"Board summary of {title}");
        return new BoardSummaryPage(journey, page);
    }
}
