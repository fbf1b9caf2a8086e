using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Admin;

/// /admin and /admin/users: the people who can sign in.
public sealed class UsersPage(Journey journey, IPage page)
{
    public static async Task<UsersPage> OpenFromNavigationAsync(Journey journey, IPage page)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Users");
        return new UsersPage(journey, page);
    }

    public ILocator Person(string fullName) => page.GetByRole(AriaRole.Link, new() { Name = fullName, Exact = true });

    public ILocator Done => page.GetByText("account is ready");

    public async Task<NewUserPage> AddAUserAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a user" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add a user", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Add a user");
        return new NewUserPage(journey, page);
    }
}
