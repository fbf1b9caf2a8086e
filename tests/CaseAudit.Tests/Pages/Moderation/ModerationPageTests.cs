using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Moderation;

public sealed class ModerationPageTests
{
    private static CaseModeration? Stored(CaseAuditApp app, RoundFixture f) =>
        app.Services.GetRequiredService<CaseAuditStore>().Moderations.FindById(f.Case.Id);

    [Fact]
    public async Task The_side_by_side_table_shows_both_agencies_grades_and_flags_a_two_step_divergence_but_not_a_one_step_one()
    {
        await using var app = new CaseAuditApp();
        var fixture = PanelRound.Create(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await client.GetDocumentAsync(PanelRound.CaseUrl(fixture));

        var headers = page.QuerySelectorAll("#side-by-side thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Question", "Northshire police", "Northshire health"], headers);
        Assert.NotNull(page.QuerySelector("#side-by-side")!.Closest(".app-table-scroll"));
        var su01 = page.QuerySelector("#row-SU-01")!;
        Assert.Equal(["Yes", "No"], su01.QuerySelectorAll(".app-grade").Select(g => g.TextContent.Trim()));
        Assert.Contains("Diverges", su01.QuerySelector(".govuk-tag")!.TextContent);
        Assert.Contains("more than one step apart", su01.QuerySelector(".govuk-visually-hidden")!.TextContent);
        Assert.Contains(PanelRound.PoliceEvidence, su01.QuerySelector("details.govuk-details")!.TextContent);
        var su02 = page.QuerySelector("#row-SU-02")!;
        Assert.Equal(["Yes", "Partly"], su02.QuerySelectorAll(".app-grade").Select(g => g.TextContent.Trim()));
        Assert.DoesNotContain("Diverges", su02.TextContent);
        Assert.Equal("false", su02.GetAttribute("data-diverges"));
        Assert.Equal("true", su01.GetAttribute("data-diverges"));
    }

    [Fact]
    public async Task A_panel_draft_keeps_the_rationale_and_dissent_ignores_blank_rows_and_is_audited()
    {
        await using var app = new CaseAuditApp();
        var fixture = PanelRound.Create(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);

        var response = await PanelRound.PostFormAsync(client, PanelRound.CaseUrl(fixture), new()
        {
            [ModerationRules.Field("SU-01", "Grade")] = "Partly",
            [ModerationRules.Field("SU-01", "Rationale")] = "Police sessions were regular but not reflective.",
            ["Rationale"] = "Agreed after discussion.",
            [ModerationRules.DissentField(0, "AgencyId")] = TestUsers.OtherAgencyId,
            [ModerationRules.DissentField(0, "QuestionId")] = "SU-01",
            [ModerationRules.DissentField(0, "Reason")] = "Health saw no supervision at all.",
        }, "draft");

        Assert.Equal(PanelRound.CaseUrl(fixture), response.Headers.Location!.OriginalString);
        var saved = Stored(app, fixture)!;
        Assert.Equal(ModerationStatus.NotModerated, saved.Status);
        Assert.Equal(1, saved.Version);
        Assert.Equal("Partly", saved.Agreed["SU-01"].Grade);
        Assert.Equal("Police sessions were regular but not reflective.", saved.Agreed["SU-01"].Rationale);
        Assert.Equal("Agreed after discussion.", saved.Rationale);
        var dissent = Assert.Single(saved.Dissents);
        Assert.Equal((TestUsers.OtherAgencyId, "SU-01", "Health saw no supervision at all."), (dissent.AgencyId, dissent.QuestionId, dissent.Reason));

        var entry = Assert.Single(app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "moderation.saved" }));
        Assert.Contains("\"SU-01\":\"Partly\"", entry.After);
        Assert.Contains("Health saw no supervision at all.", entry.After);
        Assert.DoesNotContain("SU-01", entry.Before);

        var page = await client.GetDocumentAsync(PanelRound.CaseUrl(fixture));
        Assert.True(page.QuerySelector<IHtmlInputElement>("input[name='Agreed[SU-01].Grade'][value=Partly]")!.IsChecked);
        Assert.Equal(TestUsers.OtherAgencyId, page.QuerySelector<IHtmlSelectElement>("#Dissents_0__AgencyId")!.Value);
        Assert.Equal("Not moderated", page.QuerySelector("#status")!.TextContent.Trim());
        Assert.Equal(4, page.QuerySelectorAll("select[name$='.AgencyId']").Length); // the saved dissent and three blank rows
    }

    [Fact]
    public async Task Mark_as_moderated_is_refused_while_an_agreed_grade_is_missing_then_accepted_when_complete()
    {
        await using var app = new CaseAuditApp();
        var fixture = PanelRound.Create(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var values = PanelRound.Complete(PanelRound.Supervision(app));
        values.Remove(ModerationRules.Field("SU-03", "Grade"));

        var refused = await PanelRound.PostFormAsync(client, PanelRound.CaseUrl(fixture), values, "complete");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        var links = page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (Href: a.GetAttribute("href")!, Text: a.TextContent.Trim())).ToList();
        var link = Assert.Single(links);
        Assert.Equal("#Agreed_SU-03__Grade", link.Href);
        Assert.StartsWith("SU-03: choose the agreed grade", link.Text);
        Assert.NotNull(page.QuerySelector("#Agreed_SU-03__Grade"));
        Assert.True(page.QuerySelector<IHtmlInputElement>("input[name='Agreed[SU-01].Grade'][value=Partly]")!.IsChecked);
        Assert.Null(Stored(app, fixture));

        values[ModerationRules.Field("SU-03", "Grade")] = "Partly";
        var accepted = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>(values) { ["action"] = "complete" });

        Assert.Equal($"/rounds/{fixture.Round.Id}/moderation", accepted.Headers.Location!.OriginalString);
        Assert.Equal(ModerationStatus.Moderated, Stored(app, fixture)!.Status);
        var list = await client.GetDocumentAsync($"/rounds/{fixture.Round.Id}/moderation");
        var row = list.QuerySelectorAll("#cases tbody tr").Single(r => r.TextContent.Contains(fixture.Case.Reference));
        Assert.Equal("Moderated", row.QuerySelector(".govuk-tag")!.TextContent.Trim());
        Assert.Single(app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "moderation.completed" }));
        var roundPage = await client.GetDocumentAsync($"/rounds/{fixture.Round.Id}");
        Assert.Contains("Panel moderation: 1 of 1 cases moderated", roundPage.QuerySelector("#panel-links")!.TextContent);
    }

    [Fact]
    public async Task A_dissent_must_name_an_agency_and_a_reason_before_the_case_is_moderated()
    {
        await using var app = new CaseAuditApp();
        var fixture = PanelRound.Create(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var values = PanelRound.Complete(PanelRound.Supervision(app));
        values[ModerationRules.DissentField(1, "Reason")] = "We disagree.";

        var response = await PanelRound.PostFormAsync(client, PanelRound.CaseUrl(fixture), values, "complete");

        var page = await response.ReadDocumentAsync();
        var hrefs = page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#Dissents_1__AgencyId"], hrefs);
        Assert.Equal("We disagree.", page.QuerySelector<IHtmlTextAreaElement>("#Dissents_1__Reason")!.Value);
        Assert.Null(Stored(app, fixture));
    }

    [Fact]
    public async Task A_stale_version_shows_the_conflict_and_keeps_the_typed_rationale()
    {
        await using var app = new CaseAuditApp();
        var fixture = PanelRound.Create(app);
        var me = await app.SignedInAsAsync(Roles.Coordinator);
        var colleague = await app.SignedInAsAsync(Roles.Coordinator);
        var url = PanelRound.CaseUrl(fixture);
        var myForm = (await me.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>("main form")!;
        await PanelRound.PostFormAsync(colleague, url, new() { ["Rationale"] = "Their rationale" }, "draft");

        var mine = "My rationale, typed during a long panel meeting.";
        var response = await me.SubmitAsync(myForm, new Dictionary<string, string> { ["Rationale"] = mine, ["action"] = "draft" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var conflict = page.QuerySelector("#conflict")!.TextContent;
        Assert.Contains("Their rationale", conflict);
        Assert.Contains(mine, conflict);
        Assert.Equal(mine, page.QuerySelector<IHtmlTextAreaElement>("#Rationale")!.Value);
        Assert.Equal("Their rationale", Stored(app, fixture)!.Rationale);
        Assert.Single(app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "moderation.saved" }));
    }

    [Fact]
    public async Task Before_panel_the_moderation_pages_say_when_they_open_and_show_no_grades()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);

        foreach (var url in new[] { $"/rounds/{fixture.Round.Id}/moderation", PanelRound.CaseUrl(fixture) })
        {
            var page = await client.GetDocumentAsync(url);
            Assert.Contains("Moderation opens when the round moves to Panel", page.QuerySelector("#not-open")!.TextContent);
            Assert.Null(page.QuerySelector("main form"));
            Assert.Null(page.QuerySelector("#side-by-side"));
        }

        Assert.DoesNotContain("Panel moderation:", (await client.GetDocumentAsync($"/rounds/{fixture.Round.Id}")).QuerySelector("#panel-links")!.TextContent);
    }
}
