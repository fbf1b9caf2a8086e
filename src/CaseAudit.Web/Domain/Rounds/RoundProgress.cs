namespace CaseAudit.Web.Domain.Rounds;

/// The Coordinator's view of grading: every case against every participating agency, and the
/// returns that are late. Blind grading is about content: statuses are not secret.
public sealed record RoundProgress(
    IReadOnlyList<string> AgencyIds,
    IReadOnlyList<RoundProgress.CaseRow> Rows,
    IReadOnlyList<AgencyReturn> Overdue,
    int Submitted,
    int Total)
{
    public sealed record CaseRow(SampledCase Case, IReadOnlyDictionary<string, AgencyReturn> Returns);

    public static RoundProgress Of(Round round, IReadOnlyList<SampledCase> cases, IReadOnlyList<AgencyReturn> returns, DateOnly today)
    {
        var byCase = returns.GroupBy(r => r.CaseId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, AgencyReturn>)g.ToDictionary(r => r.AgencyId));
        var rows = cases.Select(c => new CaseRow(c, byCase.GetValueOrDefault(c.Id) ?? new Dictionary<string, AgencyReturn>())).ToList();
        var overdue = round.Status == RoundStatus.Grading && today > round.GradingDeadline
            ? returns.Where(r => r.Status != ReturnStatus.Submitted).OrderBy(r => r.AgencyId).ToList()
            : [];
        return new RoundProgress(round.AgencyIds, rows, overdue, returns.Count(r => r.Status == ReturnStatus.Submitted), returns.Count);
    }
}
