using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Admin;

public sealed class UsersTests
{
    private const string TemporaryPassword = "lantern meadow copper violin";

    private static Dictionary<string, string> NewUser(string userName = "sam.patel", string role = Roles.Auditor, string agencyId = "police") => new()
    {
        ["Input.UserName"] = userName,
        ["Input.DisplayName"] = "Sam Patel",
        ["Input.Email"] = "sam@example.org",
        ["Input.Roles"] = role,
        ["Input.AgencyId"] = agencyId,
        ["Input.Password"] = TemporaryPassword,
    };

    [Fact]
    public async Task An_added_user_appears_in_the_list_must_change_their_password_and_is_audited()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        app.AddAgency("police", "Northshire Police", "Police");

        var form = (await client.GetDocumentAsync("/admin/users/new")).Form();
        var response = await client.SubmitAsync(form, NewUser());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/users", response.Headers.Location!.OriginalString);
        var list = await client.GetDocumentAsync("/admin/users");
        Assert.Contains("Sam Patel's account is ready", list.QuerySelector(".govuk-notification-banner--success")!.TextContent);
        var row = list.QuerySelectorAll("#users tbody tr").Single(r => r.TextContent.Contains("sam.patel"));
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["sam.patel", "Auditor", "Police", "Active", "Never", "No"], cells);
        var stored = app.FindUser("sam.patel")!;
        Assert.True(stored.MustChangePassword);
        Assert.Equal("police", stored.AgencyId);
        Assert.Equal("sam@example.org", stored.Email);
        var created = Assert.Single(app.Trail("user.created"), e => e.Subject == $"user:{stored.Id}");
        Assert.Equal("ada.admin", created.ActorName);
        Assert.Contains("\"agencyId\":\"police\"", created.After);
        Assert.DoesNotContain(TemporaryPassword, created.After);

        // The temporary password works, and leads straight to choosing a new one.
        var newcomer = app.CreateHttpsClient();
        var signIn = await newcomer.SubmitSignInAsync("sam.patel", TemporaryPassword);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        Assert.Equal("/account/change-password", (await newcomer.GetAsync("/")).Headers.Location!.OriginalString);
        Assert.Equal("Choose a new password", (await newcomer.GetDocumentAsync("/account/change-password")).QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_duplicate_user_name_is_refused_next_to_the_field_keeping_what_was_typed()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        app.AddAgency("police", "Northshire Police", "Police");
        await app.AddUserAsync("sam.patel", [Roles.Board]);

        var form = (await client.GetDocumentAsync("/admin/users/new")).Form();
        var page = await (await client.SubmitAsync(form, NewUser(userName: "SAM.PATEL"))).ReadDocumentAsync();

        Assert.StartsWith("Error:", page.Title);
        Assert.Contains("already a user with this user name", page.QuerySelector("#Input_UserName-error")!.TextContent);
        Assert.Equal("#Input_UserName", page.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
        Assert.Equal("SAM.PATEL", page.QuerySelector<IHtmlInputElement>("#Input_UserName")!.Value);
        Assert.Equal("Sam Patel", page.QuerySelector<IHtmlInputElement>("#Input_DisplayName")!.Value);
        Assert.Equal("sam@example.org", page.QuerySelector<IHtmlInputElement>("#Input_Email")!.Value);
        Assert.True(page.QuerySelector<IHtmlInputElement>("input[name='Input.Roles'][value='Auditor']")!.IsChecked);
        Assert.Equal("police", page.QuerySelector<IHtmlSelectElement>("#Input_AgencyId")!.Value);
        Assert.Equal("", page.QuerySelector<IHtmlInputElement>("#Input_Password")!.Value);
        Assert.Empty(app.Trail("user.created"));
    }

    [Fact]
    public async Task An_auditor_without_an_agency_is_refused()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        app.AddAgency("police", "Northshire Police", "Police");

        var form = (await client.GetDocumentAsync("/admin/users/new")).Form();
        var page = await (await client.SubmitAsync(form, NewUser(agencyId: ""))).ReadDocumentAsync();

        Assert.Contains(CaseAudit.Web.Pages.Admin.UserForm.AgencyRequired, page.QuerySelector("#Input_AgencyId-error")!.TextContent);
        Assert.NotNull(page.QuerySelector(".govuk-form-group--error #Input_AgencyId"));
        Assert.Null(app.FindUser("sam.patel"));
    }

    [Fact]
    public async Task An_agency_chosen_for_a_user_who_is_not_an_auditor_is_not_stored()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        app.AddAgency("police", "Northshire Police", "Police");

        var form = (await client.GetDocumentAsync("/admin/users/new")).Form();
        var response = await client.SubmitAsync(form, NewUser(role: Roles.Board));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(app.FindUser("sam.patel")!.AgencyId);
    }

    [Theory]
    [InlineData("", "Input.Roles", "Select at least one role")]
    [InlineData("short", "Input.Password", "at least 12 characters")]
    [InlineData("password1234", "Input.Password", "most common")]
    public async Task Missing_roles_and_weak_passwords_are_refused_next_to_the_field(string change, string field, string message)
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        app.AddAgency("police", "Northshire Police", "Police");
        var values = NewUser();
        values[field] = change;

        var form = (await client.GetDocumentAsync("/admin/users/new")).Form();
        var page = await (await client.SubmitAsync(form, values)).ReadDocumentAsync();

        Assert.Contains(message, page.QuerySelector($"#{field.Replace('.', '_')}-error")!.TextContent);
        Assert.Null(app.FindUser("sam.patel"));
    }

    [Fact]
    public async Task Saving_over_someone_elses_change_shows_the_conflict_and_keeps_their_version()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        var sam = await app.AddUserAsync("sam.patel", [Roles.Board], displayName: "Sam Patel");
        var form = (await client.GetDocumentAsync($"/admin/users/{sam.Id}")).Form("#details");

        // Another admin saves first.
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CaseAuditUser>>();
            var theirs = (await users.FindByIdAsync(sam.Id))!;
            theirs.DisplayName = "Samira Patel";
            Assert.True((await users.UpdateAsync(theirs)).Succeeded);
        }

        var page = await (await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.DisplayName"] = "Sam Patel-Jones" })).ReadDocumentAsync();

        Assert.Contains("Someone else changed this user while you were editing", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal("Samira Patel", page.QuerySelector<IHtmlInputElement>("#Input_DisplayName")!.Value);
        Assert.Equal("Samira Patel", app.FindUser("sam.patel")!.DisplayName);
        Assert.Empty(app.Trail("user.updated"));

        // The form now carries the current stamp, so saving again works.
        var again = await client.SubmitAsync(page.Form("#details"), new Dictionary<string, string> { ["Input.DisplayName"] = "Sam Patel-Jones" });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Sam Patel-Jones", app.FindUser("sam.patel")!.DisplayName);
    }

    [Fact]
    public async Task An_edit_is_audited_with_the_changed_fields_and_a_roles_change_entry()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        app.AddAgency("health", "Northshire NHS Trust", "Health");
        var sam = await app.AddUserAsync("sam.patel", [Roles.Board], displayName: "Sam Patel");

        var form = (await client.GetDocumentAsync($"/admin/users/{sam.Id}")).Form("#details");
        var response = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Roles"] = Roles.Auditor, ["Input.AgencyId"] = "health" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = app.FindUser("sam.patel")!;
        Assert.Equal([Roles.Auditor], stored.Roles);
        Assert.Equal("health", stored.AgencyId);
        Assert.NotEqual(sam.SecurityStamp, stored.SecurityStamp);
        var updated = Assert.Single(app.Trail("user.updated"));
        Assert.Equal("{\"roles\":[\"Board\"],\"agencyId\":null}", updated.Before);
        Assert.Equal("{\"roles\":[\"Auditor\"],\"agencyId\":\"health\"}", updated.After);
        Assert.Single(app.Trail("user.roles-changed"));
        Assert.Empty(app.Trail("user.deactivated"));
    }

    [Fact]
    public async Task Deactivating_a_user_ends_their_session_and_stops_them_signing_in()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        var sam = await app.AddUserAsync("sam.patel", [Roles.Board], displayName: "Sam Patel");
        var samsBrowser = await app.SignInAsAsync("sam.patel");
        Assert.Equal(HttpStatusCode.OK, (await samsBrowser.GetAsync("/")).StatusCode);

        var form = (await client.GetDocumentAsync($"/admin/users/{sam.Id}")).Form("#details");
        var response = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Active"] = "false" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(app.FindUser("sam.patel")!.Active);
        var next = await samsBrowser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Contains("/sign-in", next.Headers.Location!.OriginalString);
        var again = await app.CreateHttpsClient().SubmitSignInAsync("sam.patel");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Enter a correct user name and password", (await again.ReadDocumentAsync()).QuerySelector("#Input_UserName-error")!.TextContent);
        Assert.Single(app.Trail("user.deactivated"));
        var list = await client.GetDocumentAsync("/admin/users");
        Assert.Contains("Deactivated", list.QuerySelectorAll("#users tbody tr").Single(r => r.TextContent.Contains("sam.patel")).TextContent);
    }

    [Fact]
    public async Task An_admin_cannot_deactivate_themself_or_remove_their_own_admin_role()
    {
        var (app, client, admin) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        var form = (await client.GetDocumentAsync($"/admin/users/{admin.Id}")).Form("#details");

        var page = await (await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Active"] = "false", ["Input.Roles"] = Roles.Board })).ReadDocumentAsync();

        Assert.Contains("You cannot deactivate your own account", page.QuerySelector("#Input_Active-error")!.TextContent);
        Assert.Contains("You cannot remove your own Admin role", page.QuerySelector("#Input_Roles-error")!.TextContent);
        var stored = app.FindUser(admin.UserName)!;
        Assert.True(stored.Active);
        Assert.Equal([Roles.Admin], stored.Roles);
        Assert.Empty(app.Trail("user.updated"));
    }

    [Fact]
    public async Task A_password_reset_forces_a_change_at_next_sign_in_and_clears_a_lockout()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        var sam = await app.AddUserAsync("sam.patel", [Roles.Board], displayName: "Sam Patel");
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CaseAuditUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(sam.Id))!, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        var form = (await client.GetDocumentAsync($"/admin/users/{sam.Id}")).Form("#reset-password");
        var response = await client.SubmitAsync(form, new Dictionary<string, string> { ["Reset.NewPassword"] = TemporaryPassword });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = app.FindUser("sam.patel")!;
        Assert.True(stored.MustChangePassword);
        Assert.Null(stored.LockoutEnd);
        var reset = Assert.Single(app.Trail("user.password-reset"));
        Assert.DoesNotContain(TemporaryPassword, reset.Summary + reset.Before + reset.After);
        var samsBrowser = app.CreateHttpsClient();
        Assert.Equal("/", (await samsBrowser.SubmitSignInAsync("sam.patel", TemporaryPassword)).Headers.Location!.OriginalString);
        Assert.Equal("/account/change-password", (await samsBrowser.GetAsync("/templates")).Headers.Location!.OriginalString);
        Assert.Equal("Choose a new password", (await samsBrowser.GetDocumentAsync("/account/change-password")).QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_weak_reset_password_is_refused_next_to_its_field()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        var sam = await app.AddUserAsync("sam.patel", [Roles.Board], displayName: "Sam Patel");

        var form = (await client.GetDocumentAsync($"/admin/users/{sam.Id}")).Form("#reset-password");
        var page = await (await client.SubmitAsync(form, new Dictionary<string, string> { ["Reset.NewPassword"] = "password1234" })).ReadDocumentAsync();

        Assert.Contains("most common", page.QuerySelector("#Reset_NewPassword-error")!.TextContent);
        Assert.Equal("Sam Patel", page.QuerySelector<IHtmlInputElement>("#Input_DisplayName")!.Value);
        Assert.False(app.FindUser("sam.patel")!.MustChangePassword);
        Assert.Empty(app.Trail("user.password-reset"));
    }

    [Fact]
    public async Task Resetting_two_factor_turns_it_off_and_is_audited()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        var cleo = await app.AddUserAsync("cleo.coordinator", [Roles.Coordinator], twoFactor: true);

        var form = (await client.GetDocumentAsync($"/admin/users/{cleo.Id}")).Form("#reset-two-factor");
        var response = await client.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = app.FindUser("cleo.coordinator")!;
        Assert.False(stored.TwoFactorEnabled);
        Assert.NotEqual(cleo.AuthenticatorKey, stored.AuthenticatorKey);
        Assert.Single(app.Trail("user.mfa-reset"));
    }

    [Fact]
    public async Task An_unknown_user_is_not_found()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/users/no-such-user")).StatusCode);
    }
}
