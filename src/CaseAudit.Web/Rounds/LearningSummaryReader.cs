using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Findings;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Excel;

namespace CaseAudit.Web.Rounds;

/// Gathers a round's learning summary from the store, reading the findings exactly as the
/// pages do (frozen once published), so the workbook and the board's page never disagree.
public sealed class LearningSummaryReader(CaseAuditStore store, RoundFindingsReader findings)
{
    public LearningSummary Read(Round round, SummaryCopy copy, string partnership, string producedBy, DateTime producedAt)
    {
        var view = findings.Read(round);
        var inputs = findings.InputsOf(round);
        var template = inputs.Template;
        var submitted = store.Returns.Find(r => r.RoundId == round.Id && r.Status == ReturnStatus.Submitted).ToList();
        var moderations = store.Moderations.Find(m => m.RoundId == round.Id && m.Status == ModerationStatus.Moderated).ToList();
        var agencyNames = store.Agencies.FindAll().ToDictionary(a => a.Id, a => a.Name);
        var previousFindings = view.Previous is null ? null : findings.Read(view.Previous).Findings;

        var actions = store.ForBoard(round);

        return new LearningSummary(
            partnership,
            copy,
            round,
            template,
            view.Findings,
            view.Basis,
            view.Previous,
            previousFindings,
            findings.Agreement(round),
            inputs.Cases.OrderBy(c => c.Reference, StringComparer.OrdinalIgnoreCase).ToList(),
            agencyNames,
            Gradings.FromReturns(submitted, template),
            moderations,
            store.LearningPoints.Find(l => l.RoundId == round.Id).OrderBy(l => l.Kind).ThenBy(l => l.RecordedAt).ToList(),
            actions,
            store.CaseActions.Find(a => a.RoundId == round.Id).OrderBy(a => a.Due).ToList(),
            submitted.Where(r => r.OverallGrade is not null).Select(r => new AgencyOverallGrade(r.CaseId, r.AgencyId, r.OverallGrade!)).ToList(),
            copy == SummaryCopy.Coordinator ? submitted : [],
            producedAt,
            producedBy)
        {
            PublishedWith = view.PublishedWith,
            PublishReason = view.PublishReason,
        };
    }
}
