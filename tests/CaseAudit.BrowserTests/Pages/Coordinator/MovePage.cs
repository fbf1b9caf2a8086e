using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Coordinator;

/// /rounds/{id}/move?to=…: the confirmation before a round moves, with its numbers and what the move does.
public sealed class MovePage(IPage page)
{
    public static async Task<MovePage> ExpectAsync(Journey journey, IPage page, string label)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{label}?", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, $"Confirm: {label}");
        return new MovePage(page);
    }

    public ILocator Readiness(string id) => page.Locator($"#readiness #{id}");

    public ILocator WhatHappens => page.Locator("#what-happens");

    public async Task ConfirmAsync(string label)
    {
        await page.Locator("form").GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// Publishing before every case is moderated and every return submitted: the tick and the reason.
    public async Task UnderstandAsync(string reason)
    {
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^I understand the findings will be")).CheckAsync();
        await page.GetByLabel("Why are you publishing now?").FillAsync(reason);
    }
}
