using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Account;

public sealed class SetupTests
{
    [Fact]
    public async Task A_new_production_install_asks_for_setup_first_and_creates_the_first_admin_once()
    {
        await using var app = new CaseAuditApp(environment: "Production");
        var client = app.CreateClient();

        Assert.Equal("/setup", (await client.GetAsync("/")).Headers.Location!.OriginalString);
        Assert.Equal("/setup", (await client.GetAsync("/sign-in")).Headers.Location!.OriginalString);
        Assert.Equal(0, app.Services.GetRequiredService<CaseAuditStore>().Users.Count());

        var form = (await client.GetDocumentAsync("/setup")).QuerySelector<IHtmlFormElement>("main form")!;
        var latecomer = app.CreateClient();
        var latecomerForm = (await latecomer.GetDocumentAsync("/setup")).QuerySelector<IHtmlFormElement>("main form")!;
        var mismatch = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.UserName"] = "qa.admin", ["Input.DisplayName"] = "Quinn Admin", ["Input.Password"] = "lanterns over the river", ["Input.ConfirmPassword"] = "different",
        });
        var mismatchPage = await mismatch.ReadDocumentAsync();
        Assert.Equal("The passwords do not match", mismatchPage.QuerySelector("#Input_ConfirmPassword-error")!.TextContent.Replace("Error:", "").Trim());
        Assert.Equal("qa.admin", mismatchPage.QuerySelector<IHtmlInputElement>("#Input_UserName")!.Value);

        var created = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.UserName"] = "qa.admin", ["Input.DisplayName"] = "Quinn Admin", ["Input.Password"] = "lanterns over the river", ["Input.ConfirmPassword"] = "lanterns over the river",
        });

        Assert.Equal("/", created.Headers.Location!.OriginalString);
        Assert.Equal("/account/authenticator", (await client.GetAsync("/")).Headers.Location!.OriginalString);
        var admin = Assert.Single(app.Services.GetRequiredService<CaseAuditStore>().Users.FindAll());
        Assert.Equal(["Admin"], admin.Roles);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/setup")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await latecomer.SubmitAsync(latecomerForm, new Dictionary<string, string>
        {
            ["Input.UserName"] = "second.admin", ["Input.DisplayName"] = "Second", ["Input.Password"] = "lanterns over the river", ["Input.ConfirmPassword"] = "lanterns over the river",
        })).StatusCode);
        Assert.Single(app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "user.created" }));
    }

    [Fact]
    public async Task Production_has_no_demo_people_and_development_has_one_per_role()
    {
        await using var production = new CaseAuditApp(environment: "Production");
        await using var development = new CaseAuditApp(environment: "Development");

        Assert.Equal(0, production.Services.GetRequiredService<CaseAuditStore>().Users.Count());
        var demo = development.Services.GetRequiredService<CaseAuditStore>().Users.FindAll().ToList();
        Assert.All(Roles.All, role => Assert.Contains(demo, u => u.Roles.Contains(role)));
        Assert.True(demo.Where(u => u.Roles.Contains(Roles.Auditor)).Select(u => u.AgencyId).Distinct().Count() >= 3);

        foreach (var person in demo)
        {
            var client = development.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });
            var response = await client.PostSignInAsync(person.UserName, CaseAudit.Web.Demo.DemoPartnership.Password);
            Assert.Equal("/", response.Headers.Location!.OriginalString);
            var home = await client.GetAsync("/");
            var mustEnrol = person.Roles.Contains(Roles.Admin) || person.Roles.Contains(Roles.Coordinator);
            Assert.Equal(mustEnrol ? "/account/authenticator" : null, home.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task Mfa_can_be_switched_off_only_in_development_and_then_says_so_on_every_page()
    {
        await using var development = new CaseAuditApp(environment: "Development", settings: new() { ["CaseAudit:RequireMfa"] = "false" });
        await using var production = new CaseAuditApp(environment: "Production", settings: new() { ["CaseAudit:RequireMfa"] = "false" });
        var plainHttp = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false };

        var devClient = development.CreateClient(plainHttp);
        await devClient.PostSignInAsync("demo.coordinator", CaseAudit.Web.Demo.DemoPartnership.Password);
        var devHome = await devClient.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, devHome.StatusCode);
        Assert.Contains("Two-factor sign-in is switched off", (await devHome.ReadDocumentAsync()).QuerySelector(".govuk-phase-banner")!.TextContent);

        var coordinator = await production.CreateUserAsync("chris.qa", [Roles.Auditor]);
        using (var scope = production.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CaseAuditUser>>();
            var stored = (await users.FindByIdAsync(coordinator.Id))!;
            await users.AddToRoleAsync(stored, Roles.Coordinator);
        }

        var liveClient = production.CreateClient();
        await liveClient.PostSignInAsync("chris.qa", TestUsers.Password);
        Assert.Equal("/account/authenticator", (await liveClient.GetAsync("/")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Data_protection_keys_are_kept_beside_the_data_file_so_sessions_survive_a_restart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string> { ["CaseAudit:DataFile"] = Path.Combine(folder, "caseaudit.db") };
        string sessionCookie;
        await using (var first = new CaseAuditApp(settings: settings))
        {
            await first.CreateUserAsync("pat.police", [Roles.Auditor]);
            var signIn = await first.CreateClient().PostSignInAsync("pat.police", TestUsers.Password);
            sessionCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-CaseAudit=", StringComparison.Ordinal)).Split(';')[0];
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "keys"), "key-*.xml"));
        }

        await using var second = new CaseAuditApp(settings: settings);
        var restarted = second.CreateClient();
        restarted.DefaultRequestHeaders.Add("Cookie", sessionCookie);

        Assert.Equal(HttpStatusCode.OK, (await restarted.GetAsync("/templates")).StatusCode);
        Directory.Delete(folder, recursive: true);
    }
}
