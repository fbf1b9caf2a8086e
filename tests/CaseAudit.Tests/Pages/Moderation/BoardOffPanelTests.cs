using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Moderation;

// Board members must never see return evidence, whatever other role they are also given.
public sealed class BoardOffPanelTests
{
    [Fact]
    public async Task The_panel_page_does_not_offer_anyone_holding_the_board_role()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        await app.CreateUserAsync("bo.board", [Roles.Board]);
        await app.CreateUserAsync("bo.both", [Roles.Auditor, Roles.Board], agencyId: TestUsers.AgencyId);
        await app.CreateUserAsync("pat.police", [Roles.Auditor], agencyId: TestUsers.AgencyId);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);

        var form = (await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}/panel")).QuerySelector<IHtmlFormElement>("main form")!;

        Assert.Contains("Test pat.police", form.TextContent);
        Assert.DoesNotContain("bo.board", form.TextContent);
        Assert.DoesNotContain("bo.both", form.TextContent);
    }

    [Fact]
    public async Task Setting_a_board_member_on_the_panel_is_refused_and_nothing_is_stored()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var both = await app.CreateUserAsync("bo.both", [Roles.Auditor, Roles.Board], agencyId: TestUsers.AgencyId);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);
        var token = (await coordinator.GetDocumentAsync("/sign-out")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var response = await coordinator.PostAsync($"/rounds/{fixture.Round.Id}/panel", new FormUrlEncodedContent([
            new("__RequestVerificationToken", token), new("version", fixture.Round.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("PanelUserIds", both.Id)]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Board", (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        Assert.Empty(store.Rounds.FindById(fixture.Round.Id).PanelUserIds);
        Assert.Empty(app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "round.panel-changed" }));
    }

    [Fact]
    public async Task A_board_member_already_in_the_stored_panel_list_is_refused_403_and_it_is_audited()
    {
        await using var app = new CaseAuditApp();
        var fixture = PanelRound.Create(app);
        var both = await app.CreateUserAsync("bo.both", [Roles.Auditor, Roles.Board], agencyId: TestUsers.AgencyId);
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var round = store.Rounds.FindById(fixture.Round.Id);
        round.PanelUserIds = [both.Id];
        store.Rounds.Update(round);
        var client = await app.SignInAsync(both);

        foreach (var url in new[] { $"/rounds/{fixture.Round.Id}/moderation", PanelRound.CaseUrl(fixture) })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain(PanelRound.PoliceEvidence, await response.Content.ReadAsStringAsync());
        }

        var refusals = app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "access.refused" });
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, e => Assert.Equal("bo.both", e.ActorName));
    }
}
