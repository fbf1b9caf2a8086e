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

        var auditor = demo.First(u => u.Roles.Contains(Roles.Auditor));
        var client = development.CreateClient();
        var response = await client.PostSignInAsync(auditor.UserName, CaseAudit.Web.Demo.DemoPartnership.Password);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}
