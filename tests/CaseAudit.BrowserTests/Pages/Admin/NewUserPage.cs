using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Admin;

/// /admin/users/new: an Admin adds a person with roles and a temporary password.
public sealed class NewUserPage(Journey journey, IPage page)
{
    /// agency: the agency's name as the list shows it, for an auditor.
    public async Task<UsersPage> AddAsync(string userName, string fullName, string role, string temporaryPassword, string? agency = null)
    {
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Full name").FillAsync(fullName);
        await page.GetByRole(AriaRole.Group, new() { Name = "Roles" }).GetByLabel(role, new() { Exact = true }).CheckAsync();
        if (agency is not null)
        {
            await page.GetByLabel("Agency", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = agency });
        }

        await page.GetByLabel("Temporary password").FillAsync(temporaryPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, $"Users, after adding {userName}");
        return new UsersPage(journey, page);
    }
}
