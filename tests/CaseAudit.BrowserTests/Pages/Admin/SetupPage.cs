using CaseAudit.BrowserTests.Pages.Account;
using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Admin;

/// /setup: on an empty data file, the page that creates the first administrator.
public sealed class SetupPage(Journey journey, IPage page)
{
    /// The first visit to a new installation, wherever it starts, lands here.
    public static async Task<SetupPage> ArriveAsync(Journey journey, IPage page)
    {
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/setup$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up CaseAudit", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Set up CaseAudit");
        return new SetupPage(journey, page);
    }

    public ILocator ErrorSummary => page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });

    public async Task SubmitAsync(string userName, string fullName, string password, string confirmation)
    {
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Full name").FillAsync(fullName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirm password").FillAsync(confirmation);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// Creates the administrator, who is signed in and sent to set up an authenticator app.
    public async Task<AuthenticatorPage> CreateAdministratorAsync(string userName, string fullName, string password)
    {
        await SubmitAsync(userName, fullName, password, password);
        return await AuthenticatorPage.ExpectAsync(journey, page);
    }
}
