using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Domain.Rounds;

public enum ModerationStatus
{
    NotModerated,
    Moderated,
}

/// What the multi-agency panel agreed about one case, after seeing every agency's answers side
/// by side. One per case: the id is the case id.
public sealed class CaseModeration
{
    public string Id { get; set; } = "";

    public string RoundId { get; set; } = "";

    public string CaseId { get; set; } = "";

    public Dictionary<string, AgreedGrade> Agreed { get; set; } = [];

    public string? OverallGrade { get; set; }

    public string Rationale { get; set; } = "";

    public List<Dissent> Dissents { get; set; } = [];

    public ModerationStatus Status { get; set; }

    /// Goes up by one on every save; a save carrying an older number is a conflict.
    public int Version { get; set; }

    public DateTime? UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}

/// The panel's grade for one question: on the scale, or "Not applicable" (never a grade).
public sealed class AgreedGrade
{
    public string? Grade { get; set; }

    public bool NotApplicable { get; set; }

    public string? Rationale { get; set; }

    public bool IsEmpty => Grade is null && !NotApplicable && string.IsNullOrWhiteSpace(Rationale);
}

/// An agency that does not accept the agreed grade for a question (or overall), and why. The
/// text properties are nullable because the form offers blank rows, which are ignored.
public sealed class Dissent
{
    public string? AgencyId { get; set; }

    /// Null when the dissent is about the overall grade.
    public string? QuestionId { get; set; }

    public string? Reason { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(AgencyId) && string.IsNullOrWhiteSpace(QuestionId) && string.IsNullOrWhiteSpace(Reason);
}

/// What a moderation must say. A draft may be saved with anything missing but nothing
/// impossible; marking a case as moderated needs every graded question agreed.
public static class ModerationRules
{
    public const int MaxText = 4000;

    public static string Field(string questionId, string part) => $"Agreed[{questionId}].{part}";

    public static string DissentField(int index, string part) => $"Dissents[{index}].{part}";

    public static IReadOnlyList<ReturnProblem> ForSave(AuditTemplate template, CaseModeration m)
    {
        var problems = new List<ReturnProblem>();
        var graded = template.Questions.Where(q => q.Answer == AnswerKind.Grade).Select(q => q.Id).ToHashSet();
        foreach (var q in template.Questions.Where(q => graded.Contains(q.Id)))
        {
            if (!m.Agreed.TryGetValue(q.Id, out var a))
            {
                continue;
            }

            if (a.Grade is not null && !template.Scale.IsOption(a.Grade))
            {
                problems.Add(new(Field(q.Id, "Grade"), $"{q.Id}: choose one of {string.Join(", ", template.Scale.Options)}"));
            }

            if (a.NotApplicable && !template.Scale.AllowsNotApplicable)
            {
                problems.Add(new(Field(q.Id, "Grade"), $"{q.Id}: this template does not allow \"Not applicable\""));
            }

            Limit(problems, Field(q.Id, "Rationale"), a.Rationale, $"{q.Id}: the rationale");
        }

        foreach (var id in m.Agreed.Keys.Where(k => !graded.Contains(k)))
        {
            problems.Add(new(Field(id, "Grade"), $"{id} is not a graded question of this template"));
        }

        if (m.OverallGrade is not null && !template.Scale.IsOption(m.OverallGrade))
        {
            problems.Add(new("OverallGrade", $"Choose an overall grade from {string.Join(", ", template.Scale.Options)}"));
        }

        Limit(problems, "Rationale", m.Rationale, "The panel's rationale");
        for (var i = 0; i < m.Dissents.Count; i++)
        {
            var d = m.Dissents[i];
            if (d.QuestionId is { Length: > 0 } qid && !graded.Contains(qid))
            {
                problems.Add(new(DissentField(i, "QuestionId"), $"Dissent {i + 1}: choose a question of this template, or the overall grade"));
            }

            Limit(problems, DissentField(i, "Reason"), d.Reason, $"Dissent {i + 1}: the reason");
        }

        return problems;
    }

    public static IReadOnlyList<ReturnProblem> ForComplete(AuditTemplate template, CaseModeration m, IReadOnlyCollection<string> caseAgencyIds)
    {
        var problems = ForSave(template, m).ToList();
        foreach (var q in template.Questions.Where(q => q.Answer == AnswerKind.Grade))
        {
            var a = m.Agreed.GetValueOrDefault(q.Id) ?? new AgreedGrade();
            if (a.NotApplicable)
            {
                if (string.IsNullOrWhiteSpace(a.Rationale))
                {
                    problems.Add(new(Field(q.Id, "Rationale"), $"{q.Id}: say why the panel agreed it is not applicable"));
                }
            }
            else if (a.Grade is null)
            {
                problems.Add(new(Field(q.Id, "Grade"), $"{q.Id}: choose the agreed grade{(template.Scale.AllowsNotApplicable ? " or \"Not applicable\"" : "")}"));
            }
        }

        if (m.OverallGrade is null)
        {
            problems.Add(new("OverallGrade", "Choose the agreed overall grade for this case"));
        }

        if (string.IsNullOrWhiteSpace(m.Rationale))
        {
            problems.Add(new("Rationale", "Enter the panel's rationale for the agreed grades"));
        }

        for (var i = 0; i < m.Dissents.Count; i++)
        {
            var d = m.Dissents[i];
            if (d.IsBlank)
            {
                continue;
            }

            if (d.AgencyId is null || !caseAgencyIds.Contains(d.AgencyId))
            {
                problems.Add(new(DissentField(i, "AgencyId"), $"Dissent {i + 1}: choose the agency that disagrees (one involved in this case)"));
            }

            if (string.IsNullOrWhiteSpace(d.Reason))
            {
                problems.Add(new(DissentField(i, "Reason"), $"Dissent {i + 1}: enter why the agency disagrees"));
            }
        }

        // Keep the order of the form, so the error summary reads top to bottom.
        var order = template.Questions.Select((q, i) => (q.Id, i)).ToDictionary(x => x.Id, x => x.i);
        return problems
            .OrderBy(p => p.Field.StartsWith("Agreed[", StringComparison.Ordinal) ? order.GetValueOrDefault(p.Field[7..p.Field.IndexOf(']')])
                : p.Field.StartsWith("Dissents[", StringComparison.Ordinal) ? int.MaxValue : int.MaxValue - 1)
            .ToList();
    }

    /// Agencies' grades more than one step apart on an ordinal scale: the rows a panel should
    /// talk about first. N/A, blanks and anything off the scale are ignored; a nominal scale
    /// has no steps, so it never diverges.
    public static bool Diverges(IEnumerable<string?> grades, GradingScale scale)
    {
        if (!scale.Ordinal)
        {
            return false;
        }

        var ranks = grades.Where(g => g is not null).Select(g => scale.Rank(g!)).Where(r => r >= 0).ToList();
        return ranks.Count > 1 && ranks.Max() - ranks.Min() > 1;
    }

    private static void Limit(List<ReturnProblem> problems, string field, string? text, string what)
    {
        if (text?.Length > MaxText)
        {
            problems.Add(new(field, $"{what} must be {MaxText:N0} characters or fewer (it has {text.Length:N0})"));
        }
    }
}
