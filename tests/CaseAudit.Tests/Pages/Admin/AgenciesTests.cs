using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Admin;

public sealed class AgenciesTests
{
    private static Dictionary<string, string> Police(string id = "police") => new()
    {
        ["Input.Name"] = "Northshire Police",
        ["Input.ShortName"] = "Police",
        ["Input.Id"] = id,
    };

    [Fact]
    public async Task An_added_agency_is_listed_with_its_user_count_and_audited()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;

        var form = (await client.GetDocumentAsync("/admin/agencies")).Form("#add-agency");
        var response = await client.SubmitAsync(form, Police());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await app.AddUserAsync("sam.patel", [Roles.Auditor], agencyId: "police");
        var page = await client.GetDocumentAsync("/admin/agencies");
        var cells = page.QuerySelectorAll("#agencies tbody tr").Single().Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Northshire Police", "Police", "police", "Active", "1"], cells);
        var created = Assert.Single(app.Trail("agency.created"));
        Assert.Equal("{\"id\":\"police\",\"name\":\"Northshire Police\",\"shortName\":\"Police\",\"active\":true}", created.After);
    }

    [Fact]
    public async Task A_duplicate_id_is_refused_next_to_the_field_keeping_what_was_typed()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        app.AddAgency("police", "Old Police", "Old");

        var form = (await client.GetDocumentAsync("/admin/agencies")).Form("#add-agency");
        var page = await (await client.SubmitAsync(form, Police())).ReadDocumentAsync();

        Assert.Contains("An agency with this id already exists", page.QuerySelector("#Input_Id-error")!.TextContent);
        Assert.Equal("Northshire Police", page.QuerySelector<IHtmlInputElement>("#Input_Name")!.Value);
        Assert.Equal("police", page.QuerySelector<IHtmlInputElement>("#Input_Id")!.Value);
        Assert.Equal("Old Police", app.Services.GetRequiredService<CaseAuditStore>().Agencies.FindById("police").Name);
        Assert.Empty(app.Trail("agency.created"));
    }

    [Theory]
    [InlineData("Police Force")]
    [InlineData("p")]
    [InlineData("UPPER")]
    public async Task An_id_that_is_not_a_short_lower_case_slug_is_refused(string id)
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;

        var form = (await client.GetDocumentAsync("/admin/agencies")).Form("#add-agency");
        var page = await (await client.SubmitAsync(form, Police(id))).ReadDocumentAsync();

        Assert.Contains("lower-case letters, digits or hyphens", page.QuerySelector("#Input_Id-error")!.TextContent);
        Assert.Equal(0, app.Services.GetRequiredService<CaseAuditStore>().Agencies.Count());
    }

    [Fact]
    public async Task Editing_an_agency_changes_its_names_and_status_but_never_its_id()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        app.AddAgency("police", "Northshire Police", "Police");

        var form = (await client.GetDocumentAsync("/admin/agencies/police")).Form();
        Assert.Null(form.QuerySelector("[name='Input.Id']"));
        var response = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Name"] = "Northshire Constabulary", ["Input.Active"] = "false" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = app.Services.GetRequiredService<CaseAuditStore>().Agencies.FindById("police");
        Assert.Equal("Northshire Constabulary", stored.Name);
        Assert.Equal("Police", stored.ShortName);
        Assert.False(stored.Active);
        var updated = Assert.Single(app.Trail("agency.updated"));
        Assert.Equal("{\"name\":\"Northshire Police\",\"active\":true}", updated.Before);
        Assert.Equal("{\"name\":\"Northshire Constabulary\",\"active\":false}", updated.After);
        // A retired agency is no longer offered for new auditors.
        var newUser = await client.GetDocumentAsync("/admin/users/new");
        Assert.Null(newUser.QuerySelector("#Input_AgencyId option[value='police']"));
    }

    [Fact]
    public async Task An_edit_made_from_an_older_copy_is_a_conflict_that_keeps_what_was_typed_and_overwrites_nothing()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        app.AddAgency("police", "Northshire Police", "Police");
        var mine = (await client.GetDocumentAsync("/admin/agencies/police")).Form();
        var theirs = (await client.GetDocumentAsync("/admin/agencies/police")).Form();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(theirs, new Dictionary<string, string> { ["Input.Name"] = "Northshire Constabulary" })).StatusCode);

        var response = await client.SubmitAsync(mine, new Dictionary<string, string> { ["Input.ShortName"] = "NP" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("Someone else changed this agency", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Contains("\"Northshire Constabulary\"", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal("NP", page.QuerySelector<IHtmlInputElement>("#Input_ShortName")!.Value);
        var stored = app.Services.GetRequiredService<CaseAuditStore>().Agencies.FindById("police");
        Assert.Equal(("Northshire Constabulary", "Police"), (stored.Name, stored.ShortName));
        Assert.Single(app.Trail("agency.updated"));

        // Saving again from the conflict page, which now carries the newer version, goes through.
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page.Form(), new Dictionary<string, string>())).StatusCode);
        Assert.Equal("NP", app.Services.GetRequiredService<CaseAuditStore>().Agencies.FindById("police").ShortName);
    }

    [Fact]
    public async Task An_unknown_agency_is_not_found()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/admin/agencies/nowhere")).StatusCode);
    }
}
