using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Domain.Findings;

/// One agency's row of the heat map: a distribution for each JTAI evaluation point, in point order.
public sealed record HeatMapRow(string AgencyId, string Label, IReadOnlyList<Distribution> Cells);

/// Agencies (rows) against JTAI evaluation points 1 to 11 (columns): how each agency's grades
/// fell on the questions tagged with each point. A cell with no grades has N = 0 and no rate
/// ("no data"), never 0%.
public sealed record HeatMap(IReadOnlyList<int> Points, IReadOnlyList<HeatMapRow> Rows);

public static class HeatMaps
{
    // Same counting rules as FindingsCalculator: only sampled cases and graded questions of this
    // template count; a question tagged with several points counts in each of them.
    public static HeatMap For(
        AuditTemplate template,
        IReadOnlyList<SampledCase> cases,
        IReadOnlyList<Grading> gradings,
        IReadOnlyDictionary<string, string>? agencyNames = null)
    {
        var questions = template.Questions.Where(q => q.Answer == AnswerKind.Grade).ToDictionary(q => q.Id);
        var caseIds = cases.Select(c => c.Id).ToHashSet();
        var counted = gradings.Where(g => questions.ContainsKey(g.QuestionId) && caseIds.Contains(g.CaseId)).ToList();
        var points = Enumerable.Range(JtaiEvaluationPoints.First, JtaiEvaluationPoints.Last - JtaiEvaluationPoints.First + 1).ToList();

        var rows = counted.Select(g => g.AgencyId).Distinct()
            .Select(id => (Id: id, Label: agencyNames?.GetValueOrDefault(id) ?? id))
            .OrderBy(a => a.Label, StringComparer.OrdinalIgnoreCase)
            .Select(a => new HeatMapRow(
                a.Id,
                a.Label,
                points.Select(p => Distribution.Of(
                    counted.Where(g => g.AgencyId == a.Id && questions[g.QuestionId].Jtai.Contains(p)),
                    template.Scale)).ToList()))
            .ToList();
        return new HeatMap(points, rows);
    }
}
