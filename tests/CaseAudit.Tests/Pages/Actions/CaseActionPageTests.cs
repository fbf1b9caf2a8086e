using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Actions;

public sealed class CaseActionPageTests
{
    private static CaseAuditStore Store(CaseAuditApp app) => app.Services.GetRequiredService<CaseAuditStore>();

    private static IReadOnlyList<AuditEntry> Trail(CaseAuditApp app, string type) =>
        app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = type, Take = 100 });

    private static async Task<HttpResponseMessage> AddAsync(HttpClient coordinator, RoundFixture fixture, string agencyId, string what)
    {
        var form = (await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}/case-actions")).QuerySelector<IHtmlFormElement>("main form")!;
        return await coordinator.SubmitAsync(form, new Dictionary<string, string>
        {
            ["CaseId"] = fixture.Case.Id, ["AgencyId"] = agencyId, ["What"] = what,
            ["Due.Day"] = "31", ["Due.Month"] = "1", ["Due.Year"] = "2027",
        });
    }

    [Fact]
    public async Task A_coordinator_adds_case_actions_and_sees_them_counted_on_the_page_and_the_round()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);

        var added = await AddAsync(coordinator, fixture, TestUsers.AgencyId, "Record the child's views at the next visit");
        await AddAsync(coordinator, fixture, TestUsers.OtherAgencyId, "Share the health assessment with social care");

        Assert.Equal($"/rounds/{fixture.Round.Id}/case-actions", added.Headers.Location!.OriginalString);
        var saved = Store(app).CaseActions.FindAll().OrderBy(a => a.AgencyId).Select(a => (a.AgencyId, a.CaseId, a.Due, a.Done)).ToList();
        Assert.Equal([(TestUsers.OtherAgencyId, fixture.Case.Id, new DateOnly(2027, 1, 31), false), (TestUsers.AgencyId, fixture.Case.Id, new DateOnly(2027, 1, 31), false)], saved);
        Assert.Equal(2, Trail(app, "case-action.created").Count);
        var page = await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}/case-actions");
        Assert.Equal("2 case actions, 0 done", page.QuerySelector("#case-action-count")!.TextContent.Trim());
        Assert.Contains("Record the child's views", page.QuerySelector("#case-actions")!.TextContent);
        var round = await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}");
        Assert.Contains("Case actions (2)", round.QuerySelector("#action-links")!.TextContent);
    }

    [Fact]
    public async Task A_case_action_must_name_an_agency_involved_with_the_case_and_keeps_what_was_typed()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        Store(app).Cases.Update(WithAgencies(fixture.Case, [TestUsers.AgencyId]));
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await (await AddAsync(coordinator, fixture, TestUsers.OtherAgencyId, "Typed text stays")).ReadDocumentAsync();

        Assert.Contains("involved with case NS-2026-001", page.QuerySelector("#AgencyId-error")!.TextContent);
        Assert.Equal("Typed text stays", page.QuerySelector<IHtmlTextAreaElement>("#What")!.Value);
        Assert.Equal(0, Store(app).CaseActions.Count());
    }

    [Fact]
    public async Task The_right_agencys_auditor_marks_it_done_and_another_agencys_auditor_is_refused_and_audited()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);
        await AddAsync(coordinator, fixture, TestUsers.AgencyId, "Record the child's views at the next visit");
        var action = Assert.Single(Store(app).CaseActions.FindAll());
        var police = await app.SignInAsync(await app.CreateUserAsync("pat.police", [Roles.Auditor], agencyId: TestUsers.AgencyId));
        var health = await app.SignInAsync(await app.CreateUserAsync("hal.health", [Roles.Auditor], agencyId: TestUsers.OtherAgencyId));

        // Health sees none of police's actions, and a crafted POST for one is refused.
        var healthPage = await health.GetDocumentAsync("/case-actions");
        Assert.Null(healthPage.QuerySelector("#case-actions"));
        var token = (await health.GetDocumentAsync("/sign-out")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var refused = await health.PostAsync("/case-actions", new FormUrlEncodedContent([
            new("__RequestVerificationToken", token), new("actionId", action.Id), new("version", action.Version.ToString())]));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(Store(app).CaseActions.FindById(action.Id).Done);
        Assert.Contains(Trail(app, "access.refused"), e => e.Subject == $"case-action:{action.Id}" && e.ActorName == "hal.health");

        var policePage = await police.GetDocumentAsync("/case-actions");
        var row = policePage.QuerySelector($"#case-action-{action.Id}")!;
        Assert.Contains("NS-2026-001", row.TextContent);
        var done = await police.SubmitAsync(row.QuerySelector<IHtmlFormElement>("form")!);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var saved = Store(app).CaseActions.FindById(action.Id);
        Assert.True(saved.Done);
        Assert.Equal("pat.police", saved.DoneBy);
        Assert.Single(Trail(app, "case-action.done"));
        var counted = await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}/case-actions");
        Assert.Equal("1 case action, 1 done", counted.QuerySelector("#case-action-count")!.TextContent.Trim());
    }

    private static CaseAudit.Web.Domain.Rounds.SampledCase WithAgencies(CaseAudit.Web.Domain.Rounds.SampledCase sampled, List<string> agencies)
    {
        sampled.AgencyIds = agencies;
        return sampled;
    }
}
