using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Domain.Rounds;

/// One problem with a return, keyed by the form field it belongs to (so the error summary can
/// link to it): "Answers[LE-01].Grade", "OverallGrade", ...
public sealed record ReturnProblem(string Field, string Message)
{
    /// The question the field belongs to, or null for the overall grade and the child's voice.
    public string? QuestionId
    {
        get
        {
            var close = Field.IndexOf(']');
            return Field.StartsWith(ReturnRules.FieldPrefix, StringComparison.Ordinal) && close > ReturnRules.FieldPrefix.Length
                ? Field[ReturnRules.FieldPrefix.Length..close]
                : null;
        }
    }
}

/// What an agency's return must say. A draft may be saved at any time with anything missing,
/// but never with something impossible (a grade not on the scale, text over the limit); a
/// submitted return must be complete.
public static class ReturnRules
{
    public const int MaxEvidence = 4000;
    public const int MaxText = 2000;
    public const int MaxReason = 500;

    public const string FieldPrefix = "Answers[";

    public static string Field(string questionId, string part) => $"{FieldPrefix}{questionId}].{part}";

    public static IReadOnlyList<ReturnProblem> ForDraft(AuditTemplate template, AgencyReturn r)
    {
        var problems = new List<ReturnProblem>();
        foreach (var q in template.Questions)
        {
            if (!r.Answers.TryGetValue(q.Id, out var a))
            {
                continue;
            }

            if (q.Answer == AnswerKind.Grade)
            {
                if (a.Grade is not null && !template.Scale.IsOption(a.Grade))
                {
                    problems.Add(new(Field(q.Id, "Grade"), $"{q.Id}: choose one of {string.Join(", ", template.Scale.Options)}"));
                }

                if (a.NotApplicable && !template.Scale.AllowsNotApplicable)
                {
                    problems.Add(new(Field(q.Id, "Grade"), $"{q.Id}: this template does not allow \"Not applicable\""));
                }
            }
            else if (a.Grade is not null || a.NotApplicable)
            {
                problems.Add(new(Field(q.Id, "Text"), $"{q.Id} is answered in words, not graded"));
            }

            Limit(problems, q.Id, "Evidence", a.Evidence, MaxEvidence, "Evidence");
            Limit(problems, q.Id, "Strengths", a.Strengths, MaxText, "Strengths");
            Limit(problems, q.Id, "Better", a.Better, MaxText, "What could be better");
            Limit(problems, q.Id, "NotApplicableReason", a.NotApplicableReason, MaxReason, "The reason it is not applicable");
            Limit(problems, q.Id, "Text", a.Text, MaxEvidence, "The answer");
        }

        // Refused, as moderation refuses them: anything else would be stored and audited at any length.
        var questions = template.Questions.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in r.Answers.Keys.Where(k => !questions.Contains(k)))
        {
            problems.Add(new(Field(Shorten(id), "Grade"), $"{Shorten(id)} is not a question of this template"));
        }

        if (r.OverallGrade is not null && !template.Scale.IsOption(r.OverallGrade))
        {
            problems.Add(new("OverallGrade", $"Choose an overall grade from {string.Join(", ", template.Scale.Options)}"));
        }

        if (r.ChildVoiceSummary?.Length > MaxEvidence)
        {
            problems.Add(new("ChildVoiceSummary", $"The child's voice summary must be {MaxEvidence:N0} characters or fewer (it has {r.ChildVoiceSummary.Length:N0})"));
        }

        return problems;
    }

    public static IReadOnlyList<ReturnProblem> ForSubmit(AuditTemplate template, AgencyReturn r)
    {
        var problems = ForDraft(template, r).ToList();
        foreach (var q in template.Questions.Where(q => q.Answer == AnswerKind.Grade))
        {
            var a = r.Answers.GetValueOrDefault(q.Id) ?? new Answer();
            if (a.NotApplicable)
            {
                if (string.IsNullOrWhiteSpace(a.NotApplicableReason))
                {
                    problems.Add(new(Field(q.Id, "NotApplicableReason"), $"{q.Id}: say why the question is not applicable"));
                }

                continue;
            }

            if (a.Grade is null)
            {
                problems.Add(new(Field(q.Id, "Grade"), $"{q.Id}: choose a grade{(template.Scale.AllowsNotApplicable ? " or \"Not applicable\"" : "")}"));
            }

            if (q.EvidenceRequired && string.IsNullOrWhiteSpace(a.Evidence))
            {
                problems.Add(new(Field(q.Id, "Evidence"), $"{q.Id}: enter the evidence for your grade"));
            }
        }

        if (r.OverallGrade is null)
        {
            problems.Add(new("OverallGrade", "Choose an overall grade for your agency's practice on this case"));
        }

        if (string.IsNullOrWhiteSpace(r.ChildVoiceSummary))
        {
            problems.Add(new("ChildVoiceSummary", "Summarise the child's voice and lived experience as your records show it"));
        }

        // Keep the order of the form, so the error summary reads top to bottom.
        var order = template.Questions.Select((q, i) => (q.Id, i)).ToDictionary(x => x.Id, x => x.i);
        return problems
            .OrderBy(p => p.QuestionId is { } id ? order.GetValueOrDefault(id) : int.MaxValue)
            .ToList();
    }

    // A crafted key can be any length; the message only needs enough of it to be recognised.
    private static string Shorten(string id) => id.Length <= 40 ? id : $"{id[..40]}…";

    private static void Limit(List<ReturnProblem> problems, string questionId, string part, string? text, int max, string what)
    {
        if (text?.Length > max)
        {
            problems.Add(new(Field(questionId, part), $"{questionId}: {what} must be {max:N0} characters or fewer (it has {text.Length:N0})"));
        }
    }
}
