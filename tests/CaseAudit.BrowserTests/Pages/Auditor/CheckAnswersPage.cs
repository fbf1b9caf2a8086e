using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Auditor;

/// /returns/{id}/check: every answer as a summary list, what is still missing, and Submit.
public sealed class CheckAnswersPage(Journey journey, IPage page, string reference, Input input)
{
    public static async Task<CheckAnswersPage> ExpectAsync(Journey journey, IPage page, string reference, bool keyboard)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Check your answers for case {reference}", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, $"Check your answers: case {reference}");
        return new CheckAnswersPage(journey, page, reference, new Input(page, keyboard));
    }

    /// The answer shown for a question ("UH-01 ..."), or for "Overall grade".
    public ILocator Answer(string key) =>
        page.Locator(".govuk-summary-list__row").Filter(new() { Has = page.Locator(".govuk-summary-list__key", new() { HasText = key }) }).Locator(".govuk-summary-list__value");

    public ILocator Missing => page.Locator("#missing");

    public async Task<MyReturnsPage> SubmitAsync()
    {
        await input.ActivateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Submit return" }), "Submit return");
        return await MyReturnsPage.ExpectAsync(journey, page, $"My returns, case {reference} submitted", input.Keyboard);
    }
}
