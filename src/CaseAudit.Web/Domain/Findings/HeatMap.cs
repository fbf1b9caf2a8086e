using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Domain.Findings;

/// One agency's row of the heat map: a distribution for each JTAI evaluation point, in point order.
public sealed record HeatMapRow(string AgencyId, string Label, IReadOnlyList<Distribution> Cells);

/// Agencies (rows) against JTAI evaluation points 1 to 11 (columns): how each agency's grades
/// fell on the questions tagged with each point. A cell with no grades has N = 0 and no rate
/// ("no data"), never 0%. Rows are agencies only; the panel's agreed grades on moderated cases are
/// Panel, a row of their own (null until a case is moderated), so they never read as an agency.
public sealed record HeatMap(IReadOnlyList<int> Points, IReadOnlyList<HeatMapRow> Rows, HeatMapRow? Panel = null)
{
    /// Heat maps frozen before the panel had its own row kept it among the agencies: move it out.
    public HeatMap WithPanelApart() => Panel is null && Rows.FirstOrDefault(r => r.AgencyId == Grading.Panel) is { } panel
        ? this with { Rows = [.. Rows.Where(r => r.AgencyId != Grading.Panel)], Panel = panel with { Label = Grading.PanelLabel } }
        : this;
}

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

        HeatMapRow Row(string id, string label) => new(
            id,
            label,
            points.Select(p => Distribution.Of(
                counted.Where(g => g.AgencyId == id && questions[g.QuestionId].Jtai.Contains(p)),
                template.Scale)).ToList());

        var rows = counted.Where(g => !g.IsPanel).Select(g => g.AgencyId).Distinct()
            .Select(id => (Id: id, Label: agencyNames?.GetValueOrDefault(id) ?? id))
            .OrderBy(a => a.Label, StringComparer.OrdinalIgnoreCase)
            .Select(a => Row(a.Id, a.Label))
            .ToList();
        var panel = counted.Any(g => g.IsPanel) ? Row(Grading.Panel, Grading.PanelLabel) : null;
        return new HeatMap(points, rows, panel);
    }
}
