using CaseAudit.BrowserTests.Support;
using OtpNet;

namespace CaseAudit.BrowserTests.Pages.Account;

/// /account/authenticator, where an Admin's or Coordinator's first sign-in lands: the key to type into an
/// authenticator app, the code it shows, then the recovery codes. The test is the app: it reads
/// the key off the page and computes the code.
public sealed class AuthenticatorPage(Journey journey, IPage page)
{
    public static async Task<AuthenticatorPage> ExpectAsync(Journey journey, IPage page)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/authenticator$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up your authenticator app", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Set up your authenticator app");
        return new AuthenticatorPage(journey, page);
    }

    /// The Base32 key as the page shows it, in groups: spaces removed.
    public async Task<string> KeyAsync() => (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();

    public async Task EnterCodeAsync(string code)
    {
        await page.GetByLabel("Code from the app").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check code" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// The recovery codes shown once after a right code.
    public async Task<IReadOnlyList<string>> ExpectRecoveryCodesAsync()
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Save your recovery codes" })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Save your recovery codes");
        return await page.Locator("#recovery-codes li").AllInnerTextsAsync();
    }

    public async Task ContinueAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "I have saved my codes: continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Home, after setting up the authenticator app");
    }

    /// What an authenticator app shows now for this key.
    public static string CodeNow(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);

    /// The code for the next 30-second step: a fresh code, never one already used.
    public static string NextCode(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow.AddSeconds(30));
}
