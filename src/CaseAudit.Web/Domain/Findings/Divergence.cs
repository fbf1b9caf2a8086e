using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Domain.Findings;

public static class Divergence
{
    /// True when agencies grading the same case and question are more than one step apart on an
    /// ordinal scale (Good against Inadequate, say): a difference the panel should talk about.
    /// Adjacent grades are ordinary professional judgement, not divergence. N/A is not a grade and
    /// is ignored; an unordered scale has no "steps", so it never flags.
    public static bool Flags(IReadOnlyList<Grading> sameCaseSameQuestionAcrossAgencies, GradingScale scale)
    {
        if (sameCaseSameQuestionAcrossAgencies.Select(g => (g.CaseId, g.QuestionId)).Distinct().Count() > 1)
        {
            throw new ArgumentException("Divergence compares grades for one case and one question.", nameof(sameCaseSameQuestionAcrossAgencies));
        }

        if (!scale.Ordinal)
        {
            return false;
        }

        var ranks = sameCaseSameQuestionAcrossAgencies
            .Where(g => !g.NotApplicable && g.Grade is not null)
            .Select(g => scale.Rank(g.Grade!))
            .Where(r => r >= 0)
            .ToList();
        return ranks.Count >= 2 && ranks.Max() - ranks.Min() > 1;
    }
}
