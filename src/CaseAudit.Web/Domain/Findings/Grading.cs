using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Domain.Findings;

/// One grade for one question on one case: a single agency's, or the panel's agreed grade
/// (AgencyId is Grading.Panel). Grade is null when the answer is Not applicable.
public sealed record Grading(string CaseId, string AgencyId, string QuestionId, string? Grade, bool NotApplicable)
{
    public const string Panel = "panel";

    /// How the panel's grades are labelled wherever they sit beside agencies' own.
    public const string PanelLabel = "Panel's agreed grade";

    public bool IsPanel => AgencyId == Panel;
}

public static class Gradings
{
    // Only graded questions in the template: text questions have no grade to count, and an answer
    // left in a return for a question the template no longer has is not a finding. Unanswered
    // questions give nothing (they are neither a grade nor Not applicable). Which returns count
    // (submitted only, or in progress too) is the caller's choice.
    public static IReadOnlyList<Grading> FromReturns(IEnumerable<AgencyReturn> returns, AuditTemplate template)
    {
        var graded = template.Questions.Where(q => q.Answer == AnswerKind.Grade).Select(q => q.Id).ToList();
        var result = new List<Grading>();
        foreach (var agencyReturn in returns)
        {
            foreach (var questionId in graded)
            {
                if (!agencyReturn.Answers.TryGetValue(questionId, out var answer))
                {
                    continue;
                }

                if (answer.NotApplicable)
                {
                    result.Add(new Grading(agencyReturn.CaseId, agencyReturn.AgencyId, questionId, null, true));
                }
                else if (answer.Grade is not null)
                {
                    result.Add(new Grading(agencyReturn.CaseId, agencyReturn.AgencyId, questionId, answer.Grade, false));
                }
            }
        }

        return result;
    }
}
