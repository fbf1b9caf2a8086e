using CaseAudit.BrowserTests.Support;
using OtpNet;

namespace CaseAudit.BrowserTests.Pages.Admin;

/// /account/authenticator: an Admin's first sign-in sets up an authenticator app (TOTP), then
/// sees recovery codes once.
public sealed class AuthenticatorPage(Journey journey, IPage page)
{
    public static async Task<AuthenticatorPage> ArriveAsync(Journey journey, IPage page)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/authenticator$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up your authenticator app", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Set up your authenticator app");
        return new AuthenticatorPage(journey, page);
    }

    /// The key as a person would type it into an app: Base32, shown in groups.
    public async Task<byte[]> KeyAsync()
    {
        var shown = await page.Locator("#authenticator-key").InnerTextAsync();
        return Base32Encoding.ToBytes(new string(shown.Where(c => !char.IsWhiteSpace(c)).ToArray()));
    }

    /// Enters the app's current code; the page then shows the recovery codes.
    public async Task<string[]> EnterCodeAsync(byte[] key)
    {
        await page.GetByLabel("Code from the app").FillAsync(new Totp(key).ComputeTotp());
        await page.GetByRole(AriaRole.Button, new() { Name = "Check code" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your authenticator app is set up" })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Authenticator set up: recovery codes");
        return (await page.Locator("#recovery-codes li").AllInnerTextsAsync()).ToArray();
    }

    public async Task ContinueAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "I have saved my codes: continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Home, after setting up the authenticator");
    }
}
