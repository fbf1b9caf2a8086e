using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace CaseAudit.Tests.Pages.Account;

public sealed class TwoFactorAndPasswordTests
{
    private static async Task<CaseAuditUser> ReloadAsync(CaseAuditApp app, CaseAuditUser user)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<CaseAuditUser>>().FindByIdAsync(user.Id))!;
    }

    private static IReadOnlyList<AuditEntry> Trail(CaseAuditApp app, string type) =>
        app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = type, Take = 100 });

    [Fact]
    public async Task A_coordinator_without_an_authenticator_must_set_one_up_before_any_page()
    {
        await using var app = new CaseAuditApp();
        var coordinator = await app.CreateUserAsync("chris.qa", [Roles.Auditor]);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CaseAuditUser>>();
            var stored = (await users.FindByIdAsync(coordinator.Id))!;
            await users.RemoveFromRoleAsync(stored, Roles.Auditor);
            await users.AddToRoleAsync(stored, Roles.Coordinator);
        }

        var client = app.CreateClient();
        var signIn = await client.PostSignInAsync("chris.qa", TestUsers.Password);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);

        foreach (var page in new[] { "/", "/templates", "/templates/upload" })
        {
            Assert.Equal("/account/authenticator", (await client.GetAsync(page)).Headers.Location!.OriginalString);
        }

        // Enrol: the key shown on the page, a code computed from it as a phone would.
        var setup = await client.GetDocumentAsync("/account/authenticator");
        Assert.NotNull(setup.QuerySelector(".app-qr svg"));
        var key = setup.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "").ToUpperInvariant();
        var code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();
        var enrolled = await (await client.SubmitAsync(setup.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.Code"] = code })).ReadDocumentAsync();

        var codes = enrolled.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/templates")).StatusCode);
        Assert.True((await ReloadAsync(app, coordinator)).TwoFactorEnabled);
        Assert.DoesNotContain(codes[0], string.Join(",", (await ReloadAsync(app, coordinator)).RecoveryCodes));
        Assert.Single(Trail(app, "mfa.enrolled"));
    }

    [Fact]
    public async Task A_wrong_enrolment_code_is_refused_next_to_the_field()
    {
        await using var app = new CaseAuditApp();
        var client = await app.SignedInAsAsync(Roles.Auditor);
        var setup = await client.GetDocumentAsync("/account/authenticator");

        var page = await (await client.SubmitAsync(setup.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.Code"] = "000000" })).ReadDocumentAsync();

        Assert.Contains("The code is not right", page.QuerySelector("#Input_Code-error")!.TextContent);
        Assert.Empty(Trail(app, "mfa.enrolled"));
    }

    [Fact]
    public async Task Sign_in_with_an_authenticator_needs_the_current_code()
    {
        await using var app = new CaseAuditApp();
        var user = await app.CreateUserAsync("chris.qa", [Roles.Coordinator]);
        var client = app.CreateClient();

        var afterPassword = await client.PostSignInAsync("chris.qa", TestUsers.Password);
        Assert.StartsWith("/sign-in/two-factor", afterPassword.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/templates")).StatusCode);

        var form = (await client.GetDocumentAsync(afterPassword.Headers.Location.OriginalString)).QuerySelector<IHtmlFormElement>("main form")!;
        var wrong = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Code"] = "123 456" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains(Trail(app, "sign-in.failed"), e => e.Summary == "Authenticator code refused for chris.qa");

        var right = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Code"] = await app.CurrentCodeAsync(user) });
        Assert.Equal("/", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/templates")).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_only()
    {
        await using var app = new CaseAuditApp();
        var user = await app.CreateUserAsync("chris.qa", [Roles.Coordinator]);
        string code;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CaseAuditUser>>();
            code = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(user.Id))!, 10))!.First();
        }

        async Task<HttpResponseMessage> UseRecoveryCode()
        {
            var client = app.CreateClient();
            await client.PostSignInAsync("chris.qa", TestUsers.Password);
            var form = (await client.GetDocumentAsync("/sign-in/recovery-code")).QuerySelector<IHtmlFormElement>("main form")!;
            return await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Code"] = code });
        }

        Assert.Equal("/", (await UseRecoveryCode()).Headers.Location!.OriginalString);
        var second = await UseRecoveryCode();
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("not valid or has already been used", (await second.ReadDocumentAsync()).QuerySelector("#Input_Code-error")!.TextContent);
        Assert.Contains(Trail(app, "sign-in.failed"), e => e.Summary == "Recovery code refused for chris.qa");
        Assert.Contains(Trail(app, "sign-in.succeeded"), e => e.Summary == "chris.qa signed in with a recovery code");
    }

    [Fact]
    public async Task A_temporary_password_must_be_changed_first_and_the_change_signs_out_other_sessions()
    {
        await using var app = new CaseAuditApp();
        var user = await app.CreateUserAsync("pat.police", [Roles.Auditor], mustChangePassword: true);
        var other = await app.SignInAsync(user);
        var client = app.CreateClient();
        await client.PostSignInAsync("pat.police", TestUsers.Password);
        Assert.Equal("/account/change-password", (await client.GetAsync("/templates")).Headers.Location!.OriginalString);
        var form = (await client.GetDocumentAsync("/account/change-password")).QuerySelector<IHtmlFormElement>("main form")!;

        var common = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = TestUsers.Password, ["Input.NewPassword"] = "Password123!", ["Input.ConfirmPassword"] = "Password123!",
        });
        Assert.NotNull((await common.ReadDocumentAsync()).QuerySelector("#Input_NewPassword-error"));

        var changed = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = TestUsers.Password, ["Input.NewPassword"] = "a river of lanterns at dusk", ["Input.ConfirmPassword"] = "a river of lanterns at dusk",
        });

        Assert.Equal("/", changed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/templates")).StatusCode);
        Assert.False((await ReloadAsync(app, user)).MustChangePassword);
        Assert.Contains("/sign-in", (await other.GetAsync("/templates")).Headers.Location!.OriginalString);
        Assert.Single(Trail(app, "password.changed"));
    }
}
