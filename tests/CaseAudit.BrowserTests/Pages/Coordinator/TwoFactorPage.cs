using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Coordinator;

/// /sign-in/two-factor: the code step after a right password, for someone with an authenticator app.
public sealed class TwoFactorPage(Journey journey, IPage page)
{
    public static async Task<TwoFactorPage> ExpectAsync(Journey journey, IPage page, string state = "Enter the code from your authenticator app")
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter the code from your authenticator app", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, state);
        return new TwoFactorPage(journey, page);
    }

    public async Task EnterCodeAsync(string code)
    {
        await page.GetByLabel("Security code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// The code was refused: the error summary and the field's message say so.
    public async Task ExpectRefusedAsync(string state)
    {
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#Input_Code-error")).ToBeVisibleAsync();
        await journey.CheckAsync(page, state);
    }
}
