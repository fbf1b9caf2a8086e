using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages;

/// /sign-in, and the two-factor step after it when the person has an authenticator app.
public sealed class SignInPage(IPage page)
{
    public const string DemoPassword = CaseAudit.Web.Demo.DemoPartnership.Password;

    public static async Task<SignInPage> OpenAsync(Journey journey, IPage page)
    {
        await page.GotoAsync("/sign-in");
        await journey.CheckAsync(page, "Sign in");
        return new SignInPage(page);
    }

    public async Task FillAsync(string userName, string password)
    {
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
    }

    /// Signs in and lands where the app sends them (checked by the caller's next page object).
    public async Task SignInAsync(string userName, string password = DemoPassword)
    {
        await FillAsync(userName, password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// A demo person, signed in on a fresh page, on the home page.
    public static async Task SignInAsDemoAsync(Journey journey, IPage page, string userName)
    {
        var signIn = await OpenAsync(journey, page);
        await signIn.SignInAsync(userName);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await journey.CheckAsync(page, $"Home, signed in as {userName}");
    }
}
