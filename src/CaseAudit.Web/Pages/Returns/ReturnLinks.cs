using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CaseAudit.Web.Pages.Returns;

/// Where each part of a return is answered, and the id of each answer's field on its page, so
/// that the task list, check answers and error messages all point at the same place.
public static class ReturnLinks
{
    public static bool Editable(ReturnContext c) => c.Return.Status != ReturnStatus.Submitted && c.Round.Status == RoundStatus.Grading;

    public static string TaskList(string returnId) => $"/returns/{returnId}";

    public static string Section(string returnId, TemplateSection section) => $"/returns/{returnId}/sections/{Uri.EscapeDataString(section.Id)}";

    public static string Overall(string returnId) => $"/returns/{returnId}/overall";

    /// The id ASP.NET gives the field named "Answers[SU-03].Grade": "Answers_SU-03__Grade". For a
    /// grade it is the first radio's, as GOV.UK's error summary links to the first option.
    public static string FieldId(string field) => TagBuilder.CreateSanitizedId(field, "_");

    public static string FieldId(string questionId, string part) => FieldId(ReturnRules.Field(questionId, part));

    /// The field a question's answer starts at: its grade, or its text for a question in words.
    public static string FirstField(TemplateQuestion q) => FieldId(q.Id, q.Answer == AnswerKind.Text ? "Text" : "Grade");

    /// The page and field where a missing answer is given, or null for a problem with no field.
    public static string? To(string returnId, AuditTemplate template, ReturnProblem problem)
    {
        if (problem.QuestionId is { } id)
        {
            return ReturnSections.SectionOf(template, id) is { } section ? $"{Section(returnId, section)}#{FieldId(problem.Field)}" : null;
        }

        return problem.Field.Length == 0 ? null : $"{Overall(returnId)}#{FieldId(problem.Field)}";
    }

    /// One answer as a sentence, for the conflict view's "theirs" and "yours".
    public static string Shown(TemplateQuestion q, Answer? a)
    {
        if (a is null || a.IsEmpty)
        {
            return "Not answered";
        }

        if (q.Answer == AnswerKind.Text)
        {
            return a.Text ?? "";
        }

        var parts = new List<string> { a.NotApplicable ? $"Not applicable: {a.NotApplicableReason}" : a.Grade ?? "No grade" };
        Add(parts, "Evidence", a.Evidence);
        Add(parts, "Strengths", a.Strengths);
        Add(parts, "Could be better", a.Better);
        return string.Join(". ", parts);
    }

    private static void Add(List<string> parts, string what, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            parts.Add($"{what}: {text}");
        }
    }
}
