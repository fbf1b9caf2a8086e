using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Moderation;

public sealed class ModerationAccessTests
{
    private static async Task<string> TokenAsync(HttpClient client) =>
        (await client.GetDocumentAsync("/sign-out")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

    [Theory]
    [InlineData(Roles.Board)]
    [InlineData(Roles.Auditor)]
    public async Task Someone_not_on_the_panel_is_refused_by_crafted_get_and_post_and_it_is_audited(string role)
    {
        await using var app = new CaseAuditApp();
        var fixture = PanelRound.Create(app);
        var user = await app.CreateUserAsync($"not.panel.{role.ToLowerInvariant()}", [role]);
        var client = await app.SignInAsync(user);
        var token = await TokenAsync(client);

        foreach (var url in new[] { $"/rounds/{fixture.Round.Id}/moderation", PanelRound.CaseUrl(fixture) })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
            var post = await client.PostAsync(url, new FormUrlEncodedContent([
                new("__RequestVerificationToken", token), new("version", "0"), new("action", "complete"), new(ModerationRules.Field("SU-01", "Grade"), "No")]));
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        Assert.Equal(0, app.Services.GetRequiredService<CaseAuditStore>().Moderations.Count());
        var refusals = app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "access.refused" });
        Assert.Equal(4, refusals.Count);
        Assert.All(refusals, e => Assert.Equal(user.UserName, e.ActorName));
        Assert.All(refusals, e => Assert.Contains("not on the panel", e.Summary));
    }

    [Fact]
    public async Task A_user_added_to_the_panel_can_moderate_and_once_removed_cannot()
    {
        await using var app = new CaseAuditApp();
        var fixture = PanelRound.Create(app);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);
        var member = await app.CreateUserAsync("pat.police", [Roles.Auditor], agencyId: TestUsers.AgencyId);
        var auditor = await app.SignInAsync(member);
        var panelUrl = $"/rounds/{fixture.Round.Id}/panel";
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync(PanelRound.CaseUrl(fixture))).StatusCode);

        var panelForm = (await coordinator.GetDocumentAsync(panelUrl)).QuerySelector<IHtmlFormElement>("main form")!;
        Assert.Contains("Test pat.police (Northshire police)", panelForm.TextContent);
        var added = await coordinator.SubmitAsync(panelForm, new Dictionary<string, string> { ["PanelUserIds"] = member.Id });
        Assert.Equal(panelUrl, added.Headers.Location!.OriginalString);
        Assert.Equal([member.Id], app.Services.GetRequiredService<CaseAuditStore>().Rounds.FindById(fixture.Round.Id).PanelUserIds);

        // On the panel, the police auditor sees health's answers too: grading is no longer blind.
        var page = await auditor.GetDocumentAsync(PanelRound.CaseUrl(fixture));
        Assert.Contains("No", page.QuerySelector("#row-SU-01")!.TextContent);
        var saved = await PanelRound.PostFormAsync(auditor, PanelRound.CaseUrl(fixture), new() { ["Rationale"] = "From the panel member" }, "draft");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("pat.police", app.Services.GetRequiredService<CaseAuditStore>().Moderations.FindById(fixture.Case.Id).UpdatedBy);

        var removeForm = (await coordinator.GetDocumentAsync(panelUrl)).QuerySelector<IHtmlFormElement>("main form")!;
        var box = removeForm.QuerySelector<IHtmlInputElement>($"input[name=PanelUserIds][value='{member.Id}']")!;
        Assert.True(box.IsChecked);
        box.IsChecked = false;
        await coordinator.SubmitAsync(removeForm);

        Assert.Empty(app.Services.GetRequiredService<CaseAuditStore>().Rounds.FindById(fixture.Round.Id).PanelUserIds);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync(PanelRound.CaseUrl(fixture))).StatusCode);
        var token = await TokenAsync(auditor);
        var post = await auditor.PostAsync(PanelRound.CaseUrl(fixture), new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("version", "1"), new("Rationale", "After removal")]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("From the panel member", app.Services.GetRequiredService<CaseAuditStore>().Moderations.FindById(fixture.Case.Id).Rationale);
        var changes = app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "round.panel-changed" });
        Assert.Equal(2, changes.Count);
        Assert.Contains(changes, e => e.After!.Contains(member.Id));
    }

    [Fact]
    public async Task A_panel_member_sees_no_other_agencys_grades_before_the_round_reaches_panel()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var member = await app.CreateUserAsync("pat.police", [Roles.Auditor], agencyId: TestUsers.AgencyId);
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        fixture.Round.PanelUserIds = [member.Id];
        store.Rounds.Update(fixture.Round);
        var client = await app.SignInAsync(member);

        var page = await client.GetDocumentAsync(PanelRound.CaseUrl(fixture));

        Assert.NotNull(page.QuerySelector("#not-open"));
        Assert.Null(page.QuerySelector("#side-by-side"));
        Assert.Null(page.QuerySelector("main form"));
    }
}
