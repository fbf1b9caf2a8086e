using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Findings;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
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
        var (findings, basis) = FindingsOf(round);
        var previous = store.Rounds.Find(r => r.TemplateId == round.TemplateId && r.Id != round.Id).ToList()
            .Where(r => r.Status is RoundStatus.Published or RoundStatus.Closed && r.PeriodTo < round.PeriodTo)
            .OrderByDescending(r => r.PeriodTo)
            .FirstOrDefault();
        var trend = previous is null ? null : Trend.Compare(findings, FindingsOf(previous).Findings);
        return new RoundFindingsView(round, findings, basis, previous, trend);
    }

    /// Agreed grades where the panel has moderated a case; each agency's own submitted grades
    /// where it has not. The basis says which, in words, wherever the findings are shown.
    private (RoundFindings Findings, string Basis) FindingsOf(Round round)
    {
        var inputs = InputsOf(round);
        return (FindingsCalculator.For(inputs.Template, inputs.Cases, inputs.Gradings, inputs.AgencyNames), inputs.Basis);
    }

    /// What a round's findings are worked out from, for views (such as the board's heat map)
    /// that need the same gradings as the findings themselves.
    public RoundFindingsInputs InputsOf(Round round)
    {
        var template = templates.Parse(templates.Find(round.TemplateId, round.TemplateVersion)!);
        var cases = store.Cases.Find(c => c.RoundId == round.Id).ToList();
        var moderated = store.Moderations.Find(m => m.RoundId == round.Id && m.Status == ModerationStatus.Moderated).ToList();
        var moderatedCases = moderated.Select(m => m.CaseId).ToHashSet();
        var submitted = store.Returns.Find(r => r.RoundId == round.Id && r.Status == ReturnStatus.Submitted).ToList()
            .Where(r => !moderatedCases.Contains(r.CaseId));
        var gradings = Gradings.FromReturns(submitted, template)
            .Concat(moderated.SelectMany(m => m.Agreed.Select(a => new Grading(m.CaseId, Grading.Panel, a.Key, a.Value.Grade, a.Value.NotApplicable))))
            .ToList();
        var agencyNames = store.Agencies.FindAll().ToDictionary(a => a.Id, a => a.Name);
        agencyNames[Grading.Panel] = "Panel (agreed grades)";
        var basis = moderatedCases.Count == 0
            ? "Single-agency grades from submitted returns: the panel has not moderated any case yet."
            : moderatedCases.Count >= cases.Count
                ? $"Agreed grades from panel moderation of all {cases.Count} cases."
                : $"Agreed grades for the {moderatedCases.Count} of {cases.Count} cases moderated so far; each agency's own submitted grades for the rest.";
        return new RoundFindingsInputs(template, cases, gradings, agencyNames, basis);
    }
}

public sealed record RoundFindingsInputs(
    AuditTemplate Template,
    IReadOnlyList<SampledCase> Cases,
    IReadOnlyList<Grading> Gradings,
    IReadOnlyDictionary<string, string> AgencyNames,
    string Basis);
