using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Admin;

/// /account/change-password, where a person the Admin added lands at their first sign-in.
public sealed class ChangePasswordPage(Journey journey, IPage page)
{
    public static async Task<ChangePasswordPage> ArriveAsync(Journey journey, IPage page)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/change-password$"));
        await journey.CheckAsync(page, "Choose your own password");
        return new ChangePasswordPage(journey, page);
    }

    public async Task ChangeAsync(string current, string replacement)
    {
        await page.GetByLabel("Current password").FillAsync(current);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(replacement);
        await page.GetByLabel("Confirm new password").FillAsync(replacement);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/change-password$"));
        await journey.CheckAsync(page, "After choosing a password");
    }
}
