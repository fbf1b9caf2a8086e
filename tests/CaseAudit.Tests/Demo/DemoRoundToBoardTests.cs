using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Templates;
using CaseAudit.Tests.Pages.Rounds;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Demo;

/// Issue 6's "done when": the demo's open round is moderated, published and read by the demo
/// board member, with the trend against the demo's earlier round — all through the pages.
public sealed class DemoRoundToBoardTests
{
    [Fact]
    public async Task The_demo_round_is_moderated_published_and_read_by_the_board_with_its_trend()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var library = app.Services.GetRequiredService<TemplateLibrary>();
        var round = store.Rounds.FindById(DemoRounds.GradingRoundId);
        var template = library.Parse(library.Find(round.TemplateId, round.TemplateVersion)!);
        var coordinator = await app.SignInAsDemoAsync("demo.coordinator");

        // Follow up the open concern, then move to Panel.
        var concern = store.Concerns.FindOne(c => c.RoundId == round.Id && c.FollowUp == null);
        var followUp = (await coordinator.GetDocumentAsync($"/rounds/{round.Id}/concerns/{concern.Id}")).QuerySelector<IHtmlFormElement>("main form")!;
        await coordinator.SubmitAsync(followUp, new Dictionary<string, string> { ["FollowUp"] = "Front door confirmed a visit the same day; the infant is now on a plan." });
        await RoundMoves.MoveAsync(coordinator, round.Id, RoundStatus.Panel);
        Assert.Equal(RoundStatus.Panel, store.Rounds.FindById(round.Id).Status);

        // Moderate one case through the panel page.
        var sampled = store.Cases.Find(c => c.RoundId == round.Id).OrderBy(c => c.Reference).First();
        var values = new Dictionary<string, string> { ["action"] = "complete", ["OverallGrade"] = "Requires improvement", ["Rationale"] = "Agencies agree the chronology was not used in planning." };
        foreach (var q in template.Questions.Where(q => q.Answer == AnswerKind.Grade))
        {
            values[ModerationRules.Field(q.Id, "Grade")] = "Good";
        }

        var panelForm = (await coordinator.GetDocumentAsync($"/rounds/{round.Id}/moderation/{sampled.Id}")).QuerySelector<IHtmlFormElement>("main form")!;
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(panelForm, values)).StatusCode);
        Assert.Equal(ModerationStatus.Moderated, store.Moderations.FindById(sampled.Id).Status);

        // Publish, knowingly: one case of twelve is moderated.
        await RoundMoves.MoveAsync(coordinator, round.Id, RoundStatus.Published, RoundMoves.Knowingly());
        Assert.Equal(RoundStatus.Published, store.Rounds.FindById(round.Id).Status);

        // The board member reads it, with the trend against the autumn 2025 round.
        var board = await app.SignInAsDemoAsync("demo.board");
        Assert.Contains(round.Title, (await board.GetDocumentAsync("/board")).QuerySelector("main")!.TextContent);
        var summary = await board.GetDocumentAsync($"/board/rounds/{round.Id}");
        var trend = summary.QuerySelector("#trend")!.TextContent;
        Assert.Contains("Use of history: autumn 2025", trend);
        Assert.Matches(@"(up \d+ points|down \d+ points|no change)", trend);
        Assert.Equal(2, summary.QuerySelectorAll("svg[role=img]").Length);
    }
}
