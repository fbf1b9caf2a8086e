using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Moderation;

/// PanelRound with its case moderated through the page (the panel agreed "Partly" on every
/// question) and a second case the panel has not reached, with a submitted police return of
/// "Yes" throughout: so findings mix the panel's agreed grades with an agency's own.
public static class PartlyModeratedRound
{
    public const string SecondReference = "NS-2026-002";

    public static async Task<RoundFixture> CreateAsync(CaseAuditApp app)
    {
        var fixture = PanelRound.Create(app);
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var template = PanelRound.Supervision(app);
        var second = new SampledCase
        {
            RoundId = fixture.Round.Id, Reference = SecondReference, AgeBand = "12–18", Level = "Child protection", Categories = ["Physical"],
            AgencyIds = [TestUsers.AgencyId],
        };
        store.Cases.Insert(second);
        store.Returns.Insert(new AgencyReturn
        {
            Id = AgencyReturn.KeyOf(second.Id, TestUsers.AgencyId), RoundId = fixture.Round.Id, CaseId = second.Id, AgencyId = TestUsers.AgencyId,
            Status = ReturnStatus.Submitted, Version = 2, OverallGrade = "Yes",
            Answers = template.Questions.ToDictionary(
                q => q.Id,
                q => q.Answer == AnswerKind.Text ? new Answer { Text = $"Reflection on {q.Id}" } : new Answer { Grade = "Yes", Evidence = $"Monthly supervision recorded ({q.Id})" }),
        });

        var coordinator = await app.SignedInAsAsync(CaseAudit.Web.Identity.Roles.Coordinator);
        var done = await PanelRound.PostFormAsync(coordinator, PanelRound.CaseUrl(fixture), PanelRound.Complete(template), "complete");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, done.StatusCode);
        return fixture;
    }

    /// Published straight in the store: what the board sees of a published round, without
    /// depending on how the Coordinator's publish step asks for confirmation.
    public static void Publish(CaseAuditApp app, Round round)
    {
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var stored = store.Rounds.FindById(round.Id);
        stored.Status = RoundStatus.Published;
        store.Rounds.Update(stored);
    }
}
