using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Domain.Actions;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Board;

public sealed class BoardActionsVisibilityTests
{
    [Fact]
    public async Task The_board_does_not_see_plan_actions_raised_in_a_round_still_in_grading()
    {
        await using var app = DemoApps.New();
        var client = await app.SignInAsDemoAsync("demo.board");
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        store.PlanActions.InsertBulk([
            new PlanAction { TemplateId = DemoRounds.TemplateId, RoundId = DemoRounds.PublishedRoundId, Ref = "A1", Workstream = "Training", Aim = "Published aim everyone may read", LeadName = "QA lead", LeadAgencyId = "social-care", Timescale = new DateOnly(2027, 3, 31) },
            new PlanAction { TemplateId = DemoRounds.TemplateId, RoundId = DemoRounds.GradingRoundId, Ref = "A2", Workstream = "Data", Aim = "Draft aim still in grading", LeadName = "Data lead", LeadAgencyId = "health", Timescale = new DateOnly(2027, 3, 31) },
        ]);

        var page = (await client.GetDocumentAsync($"/board/rounds/{DemoRounds.PublishedRoundId}")).QuerySelector("main")!.TextContent;
        var briefing = (await client.GetDocumentAsync($"/board/rounds/{DemoRounds.PublishedRoundId}/briefing")).QuerySelector("main")!.TextContent;

        Assert.Contains("Published aim everyone may read", page);
        Assert.Contains("Published aim everyone may read", briefing);
        Assert.DoesNotContain("Draft aim still in grading", page);
        Assert.DoesNotContain("Draft aim still in grading", briefing);
    }
}
