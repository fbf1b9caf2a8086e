using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Domain.Findings;

/// A round's findings, every view an ordered list of rows so board pages and the workbook read
/// the same numbers in the same order.
public sealed record RoundFindings(
    GradingScale Scale,
    Finding Overall,
    IReadOnlyList<Finding> ByQuestion,
    IReadOnlyList<Finding> ByAgency,
    IReadOnlyList<Finding> BySection,
    IReadOnlyList<Finding> ByJtaiPoint,
    IReadOnlyList<Finding> ByCase,
    IReadOnlyList<Finding> ByAgeBand,
    IReadOnlyList<Finding> ByLevel,
    IReadOnlyList<Finding> ByCategory,
    Finding? AgreedByPanel = null)
{
    /// Findings frozen before the panel had a row of its own kept it among the agencies: move it out.
    public RoundFindings WithPanelApart() => AgreedByPanel is null && ByAgency.FirstOrDefault(f => f.Key == Grading.Panel) is { } panel
        ? this with { ByAgency = [.. ByAgency.Where(f => f.Key != Grading.Panel)], AgreedByPanel = panel with { Label = Grading.PanelLabel } }
        : this;
}

public static class FindingsCalculator
{
    public const string OverallKey = "overall";

    // The gradings are whatever the caller wants findings from: agencies' own grades, or the
    // panel's agreed grades once moderated. Only gradings for a sampled case and a graded question
    // of this template count, in every view, so the views always add up to the same Overall.
    public static RoundFindings For(
        AuditTemplate template,
        IReadOnlyList<SampledCase> cases,
        IReadOnlyList<Grading> gradings,
        IReadOnlyDictionary<string, string>? agencyNames = null)
    {
        var scale = template.Scale;
        var graded = template.Questions.Where(q => q.Answer == AnswerKind.Grade).ToList();
        var questions = graded.ToDictionary(q => q.Id);
        var casesById = cases.ToDictionary(c => c.Id);
        var counted = gradings.Where(g => questions.ContainsKey(g.QuestionId) && casesById.ContainsKey(g.CaseId)).ToList();

        Finding Row(string key, string label, IEnumerable<Grading> rows) => new(key, label, Distribution.Of(rows, scale));

        var byQuestion = graded
            .Select(q => Row(q.Id, q.Text, counted.Where(g => g.QuestionId == q.Id)))
            .ToList();

        // Agencies only: the panel's agreed grades are AgreedByPanel, never a row among the agencies.
        var byAgency = counted.Where(g => !g.IsPanel).Select(g => g.AgencyId).Distinct()
            .Select(id => (Id: id, Label: agencyNames?.GetValueOrDefault(id) ?? id))
            .OrderBy(a => a.Label, StringComparer.OrdinalIgnoreCase)
            .Select(a => Row(a.Id, a.Label, counted.Where(g => g.AgencyId == a.Id)))
            .ToList();

        var bySection = template.Sections
            .Where(s => s.Questions.Any(q => q.Answer == AnswerKind.Grade))
            .Select(s =>
            {
                var ids = s.Questions.Select(q => q.Id).ToHashSet();
                return Row(s.Id, s.Title, counted.Where(g => ids.Contains(g.QuestionId)));
            })
            .ToList();

        // A question tagged with several JTAI points counts in each of them: each point asks "how
        // well does practice show this?", and the same grade is evidence for every point it is
        // tagged with. The rows therefore do not add up to Overall.
        var byJtai = graded.SelectMany(q => q.Jtai).Distinct().Order()
            .Select(p => Row(
                p.ToString(System.Globalization.CultureInfo.InvariantCulture),
                JtaiEvaluationPoints.IsValid(p) ? JtaiEvaluationPoints.Describe(p) : $"JTAI point {p}",
                counted.Where(g => questions[g.QuestionId].Jtai.Contains(p))))
            .ToList();

        var byCase = cases
            .Select(c => Row(c.Id, c.Reference, counted.Where(g => g.CaseId == c.Id)))
            .ToList();

        List<Finding> Slice(IReadOnlyList<string> known, Func<SampledCase, IEnumerable<string>> values) =>
            Ordered(cases.SelectMany(values).Distinct(), known)
                .Select(v => Row(v, v, counted.Where(g => values(casesById[g.CaseId]).Contains(v))))
                .ToList();

        return new RoundFindings(
            scale,
            Row(OverallKey, "All graded questions", counted),
            byQuestion,
            byAgency,
            bySection,
            byJtai,
            byCase,
            Slice(CaseFacts.AgeBands, c => [c.AgeBand]),
            Slice(CaseFacts.Levels, c => [c.Level]),
            // A case with several categories of neglect counts in each of them (a child neglected
            // both physically and emotionally is evidence about practice on both), so the category
            // rows do not add up to Overall.
            Slice(CaseFacts.NeglectCategories, c => c.Categories),
            counted.Any(g => g.IsPanel) ? Row(Grading.Panel, Grading.PanelLabel, counted.Where(g => g.IsPanel)) : null);
    }

    // Values in the order CaseFacts lists them (youngest first, least to most intervention), then
    // anything unexpected alphabetically so it is still shown rather than lost. Only values that
    // occur in the sample get a row.
    private static IEnumerable<string> Ordered(IEnumerable<string> present, IReadOnlyList<string> known)
    {
        var values = present.Where(v => !string.IsNullOrWhiteSpace(v)).ToHashSet();
        return known.Where(values.Contains)
            .Concat(values.Where(v => !known.Contains(v)).Order(StringComparer.OrdinalIgnoreCase));
    }
}
