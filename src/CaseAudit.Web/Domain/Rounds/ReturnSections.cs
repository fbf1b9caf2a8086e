using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Domain.Rounds;

/// How far an auditor has got with one part of a return, as the GOV.UK task list shows it.
public enum SectionStatus
{
    NotStarted,
    InProgress,
    Completed,
}

/// A return is answered a template section at a time, then the overall grade and the child's
/// voice, which belong to no section. These rules say where each part stands and how a section's
/// answers join the rest of the return.
public static class ReturnSections
{
    /// Nothing answered is "not started"; it is "completed" once every answer the submit rules
    /// require in it is given. A section of optional questions only is completed by answering
    /// any of them, so that an untouched one does not read as done.
    public static SectionStatus Status(AuditTemplate template, TemplateSection section, AgencyReturn r)
    {
        if (!section.Questions.Any(q => r.Answers.TryGetValue(q.Id, out var a) && !a.IsEmpty))
        {
            return SectionStatus.NotStarted;
        }

        return Missing(template, r).Any(p => InSection(section, p)) ? SectionStatus.InProgress : SectionStatus.Completed;
    }

    public static SectionStatus OverallStatus(AgencyReturn r)
    {
        var given = (r.OverallGrade is not null ? 1 : 0) + (string.IsNullOrWhiteSpace(r.ChildVoiceSummary) ? 0 : 1);
        return given switch
        {
            0 => SectionStatus.NotStarted,
            2 => SectionStatus.Completed,
            _ => SectionStatus.InProgress,
        };
    }

    /// What still stops the return being submitted, in the order of the form.
    public static IReadOnlyList<ReturnProblem> Missing(AuditTemplate template, AgencyReturn r) => ReturnRules.ForSubmit(template, r);

    public static TemplateSection? SectionOf(AuditTemplate template, string questionId) =>
        template.Sections.FirstOrDefault(s => s.Questions.Any(q => q.Id == questionId));

    public static bool InSection(TemplateSection section, ReturnProblem problem) =>
        problem.QuestionId is { } id && section.Questions.Any(q => q.Id == id);

    /// A section's form carries only its own questions: answers it names replace those stored,
    /// every other section's answers stay exactly as they are. A question of the section left
    /// empty is cleared, as it was on the form.
    public static Dictionary<string, Answer> Merge(TemplateSection section, IReadOnlyDictionary<string, Answer> stored, IReadOnlyDictionary<string, Answer> typed)
    {
        var own = section.Questions.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var merged = stored.Where(a => !own.Contains(a.Key)).ToDictionary();
        foreach (var (id, answer) in typed.Where(a => !a.Value.IsEmpty))
        {
            merged[id] = answer;
        }

        return merged;
    }

    /// A section save that names another section's question is refused rather than applied: the
    /// page never sends one, so it can only be a crafted or stale form, and applying it would
    /// change a section the person is not looking at.
    public static IReadOnlyList<ReturnProblem> Outside(AuditTemplate template, TemplateSection section, IEnumerable<string> typedIds)
    {
        var own = section.Questions.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        return typedIds
            .Where(id => !own.Contains(id) && SectionOf(template, id) is not null)
            // No field to link to: the question is not on this page.
            .Select(id => new ReturnProblem("", $"{id} is in another section: answer it on that section's page"))
            .ToList();
    }
}
