using CaseAudit.Web.Domain.Findings;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Excel;

/// One graded answer from a submitted return, as both the round workbook's Raw gradings sheet
/// and the partnership export show it. Evidence is here for the Coordinator's copies; writers of
/// the board's copies leave it out.
public sealed record RawGradingRow(
    SampledCase Case,
    string CaseReference,
    string Agency,
    string QuestionId,
    string QuestionText,
    string Grade,
    string NotApplicableReason,
    string Evidence,
    string AgreedGrade);

public static class RawGradingRows
{
    public const string NotModerated = "Not moderated";
    public const string NoEvidence = "None given";

    // One place for the rows, so the per-round workbook and the partnership export cannot drift
    // apart: cases in the order given, agencies by name, questions in template order.
    public static IEnumerable<RawGradingRow> For(
        AuditTemplate template,
        IReadOnlyList<SampledCase> cases,
        IEnumerable<AgencyReturn> submittedReturns,
        IEnumerable<CaseModeration> moderations,
        Func<string, string> agencyName)
    {
        var byId = cases.ToDictionary(c => c.Id);
        var order = cases.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var moderated = moderations.ToDictionary(m => m.CaseId);
        var graded = template.Questions.Where(q => q.Answer == AnswerKind.Grade).ToList();
        foreach (var r in submittedReturns.OrderBy(r => order.GetValueOrDefault(r.CaseId, int.MaxValue)).ThenBy(r => agencyName(r.AgencyId), StringComparer.OrdinalIgnoreCase))
        {
            var sampled = byId.GetValueOrDefault(r.CaseId) ?? new SampledCase { Id = r.CaseId, RoundId = r.RoundId, Reference = r.CaseId };
            foreach (var q in graded)
            {
                if (!r.Answers.TryGetValue(q.Id, out var a) || (a.Grade is null && !a.NotApplicable))
                {
                    continue;
                }

                var agreed = moderated.TryGetValue(r.CaseId, out var m)
                    ? m.Agreed.TryGetValue(q.Id, out var g) ? g.NotApplicable ? GradingScale.NotApplicable : g.Grade ?? Shorthand.NoData : Shorthand.NoData
                    : NotModerated;
                yield return new RawGradingRow(
                    sampled,
                    sampled.Reference,
                    agencyName(r.AgencyId),
                    q.Id,
                    q.Text,
                    a.NotApplicable ? GradingScale.NotApplicable : a.Grade!,
                    a.NotApplicable ? a.NotApplicableReason ?? "" : Shorthand.NotApplicable,
                    string.IsNullOrWhiteSpace(a.Evidence) ? NoEvidence : a.Evidence,
                    agreed);
            }
        }
    }

    public static string Categories(SampledCase c) => c.Categories.Count == 0 ? "None recorded" : string.Join(", ", c.Categories);
}
