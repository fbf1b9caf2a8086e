using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Findings;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Templates;

namespace CaseAudit.Web.Rounds;

/// A round's findings as every reader sees them (the Coordinator's page now; the board's
/// pages and the workbook next), with the trend against the previous published round on the
/// same template.
public sealed record RoundFindingsView(Round Round, RoundFindings Findings, string Basis, Round? Previous, TrendReport? Trend);

public sealed class RoundFindingsReader(CaseAuditStore store, TemplateLibrary templates)
{
    public RoundFindingsView Read(Round round)
    {
        var findings = FindingsOf(round);
        var previous = store.Rounds.Find(r => r.TemplateId == round.TemplateId && r.Id != round.Id).ToList()
            .Where(r => r.Status is RoundStatus.Published or RoundStatus.Closed && r.PeriodTo < round.PeriodTo)
            .OrderByDescending(r => r.PeriodTo)
            .FirstOrDefault();
        var trend = previous is null ? null : Trend.Compare(findings, FindingsOf(previous));

        // Until panel moderation records agreed grades, findings come from each agency's own
        // submitted grades, and the page says so.
        const string basis = "Single-agency grades from submitted returns (not yet moderated by the panel).";
        return new RoundFindingsView(round, findings, basis, previous, trend);
    }

    private RoundFindings FindingsOf(Round round)
    {
        var template = templates.Parse(templates.Find(round.TemplateId, round.TemplateVersion)!);
        var cases = store.Cases.Find(c => c.RoundId == round.Id).ToList();
        var submitted = store.Returns.Find(r => r.RoundId == round.Id && r.Status == ReturnStatus.Submitted).ToList();
        var agencyNames = store.Agencies.FindAll().ToDictionary(a => a.Id, a => a.Name);
        return FindingsCalculator.For(template, cases, Gradings.FromReturns(submitted, template), agencyNames);
    }
}
