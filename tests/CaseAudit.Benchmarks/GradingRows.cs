using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Benchmarks;

// One agency's grade for one question on one case, flattened the way a partnership export lays
// it out: the rows the baselines write, so a baseline writes what the export will (the same
// 18 values as the Coordinator's copy of the export; the ClosedXML baseline writes the first 12 text columns).
public sealed record GradingRow(
    string RoundId,
    string Round,
    string TemplateId,
    DateTime PeriodFrom,
    DateTime PeriodTo,
    string Categories,
    string Theme,
    string TemplateVersion,
    string CaseReference,
    string AgeBand,
    string Level,
    string Agency,
    string QuestionId,
    string QuestionText,
    string Grade,
    string AgreedGrade,
    string NotApplicableReason,
    string Evidence);

public static class GradingRows
{
    public static readonly IReadOnlyList<string> Headers =
        ["Round", "Theme", "Template version", "Case reference", "Age band", "Level", "Agency", "Question", "Question text", "Grade", "Agreed grade", "Not applicable reason"];

    public static List<GradingRow> Read(SyntheticPartnership partnership, IEnumerable<Round> rounds)
    {
        var store = partnership.Store;
        var agencyNames = store.Agencies.FindAll().ToDictionary(a => a.Id, a => a.Name);
        var rows = new List<GradingRow>();
        foreach (var round in rounds.OrderBy(r => r.PeriodFrom))
        {
            var template = partnership.Templates.Parse(partnership.Templates.Find(round.TemplateId, round.TemplateVersion)!);
            var graded = template.Questions.Where(q => q.Answer == AnswerKind.Grade).ToList();
            var cases = store.Cases.Find(c => c.RoundId == round.Id).OrderBy(c => c.Reference, StringComparer.Ordinal).ToList();
            var returns = store.Returns.Find(r => r.RoundId == round.Id && r.Status == ReturnStatus.Submitted).ToLookup(r => r.CaseId);
            var moderations = store.Moderations.Find(m => m.RoundId == round.Id && m.Status == ModerationStatus.Moderated).ToDictionary(m => m.CaseId);
            foreach (var @case in cases)
            {
                var agreed = moderations.GetValueOrDefault(@case.Id);
                foreach (var r in returns[@case.Id].OrderBy(r => r.AgencyId, StringComparer.Ordinal))
                {
                    foreach (var q in graded)
                    {
                        var answer = r.Answers.GetValueOrDefault(q.Id);
                        var panel = agreed?.Agreed.GetValueOrDefault(q.Id);
                        rows.Add(new GradingRow(
                            round.Id, round.Title, template.Id, round.PeriodFrom.ToDateTime(TimeOnly.MinValue), round.PeriodTo.ToDateTime(TimeOnly.MinValue),
                            string.Join(", ", @case.Categories), template.Theme, template.Version, @case.Reference, @case.AgeBand, @case.Level,
                            agencyNames.GetValueOrDefault(r.AgencyId, r.AgencyId), q.Id, q.Text,
                            GradeText(answer?.Grade, answer?.NotApplicable ?? false), GradeText(panel?.Grade, panel?.NotApplicable ?? false),
                            answer?.NotApplicableReason ?? "", answer?.Evidence ?? ""));
                    }
                }
            }
        }

        return rows;
    }

    private static string GradeText(string? grade, bool notApplicable) => notApplicable ? GradingScale.NotApplicable : grade ?? "";
}
