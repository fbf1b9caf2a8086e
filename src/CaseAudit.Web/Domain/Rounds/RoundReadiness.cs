using Humanizer;

namespace CaseAudit.Web.Domain.Rounds;

/// One participating agency's returns: every sampled case it is involved in has one (a return
/// not created yet, before grading starts, counts as not started).
public sealed record AgencyReadiness(string AgencyId, int Submitted, int InProgress, int NotStarted)
{
    public int Returns => Submitted + InProgress + NotStarted;
}

/// How far a round's work has got, in the numbers a Coordinator weighs before moving it on, and
/// what the lifecycle's rules need to know.
public sealed record RoundReadiness(
    int Cases,
    int CasesWithoutAgencies,
    int OpenConcerns,
    int CasesModerated,
    IReadOnlyList<AgencyReadiness> ByAgency,
    int DaysToDeadline,
    int ReturnsToCreate)
{
    public int Returns => ByAgency.Sum(a => a.Returns);

    public int Submitted => ByAgency.Sum(a => a.Submitted);

    public int InProgress => ByAgency.Sum(a => a.InProgress);

    public int NotStarted => ByAgency.Sum(a => a.NotStarted);

    public int NotSubmitted => InProgress + NotStarted;

    public int CasesNotModerated => Cases - CasesModerated;

    /// Publishing now would put findings in front of the board that some of the work is missing
    /// from: cases the panel has not agreed, or returns an agency never submitted.
    public bool Unfinished => CasesNotModerated > 0 || NotSubmitted > 0;

    /// What the published findings and the audit trail say about unfinished work, e.g.
    /// "published with 1 of 12 cases moderated and 7 of 24 returns not submitted"; null when
    /// nothing is unfinished.
    public string? PublishedWith =>
        !Unfinished
            ? null
            : $"published with {CasesModerated} of {"case".ToQuantity(Cases)} moderated"
              + (NotSubmitted > 0 ? $" and {NotSubmitted} of {"return".ToQuantity(Returns)} not submitted" : "");

    public static RoundReadiness Of(
        Round round,
        IReadOnlyCollection<SampledCase> cases,
        IReadOnlyCollection<AgencyReturn> returns,
        IReadOnlyCollection<CaseModeration> moderations,
        IReadOnlyCollection<SafeguardingConcern> concerns,
        DateOnly today)
    {
        var inSample = cases.Select(c => c.Id).ToHashSet();
        // Returns of cases removed from the sample (while planning was reopened) count nowhere.
        var status = returns.Where(r => r.RoundId == round.Id && inSample.Contains(r.CaseId))
            .ToDictionary(r => (r.CaseId, r.AgencyId), r => r.Status);
        var involved = cases.SelectMany(c => c.AgencyIds.Intersect(round.AgencyIds).Select(agency => (CaseId: c.Id, AgencyId: agency))).ToList();
        var byAgency = round.AgencyIds.Select(agency =>
        {
            var theirs = involved.Where(p => p.AgencyId == agency).Select(p => status.TryGetValue(p, out var s) ? s : ReturnStatus.NotStarted).ToList();
            return new AgencyReadiness(agency, theirs.Count(s => s == ReturnStatus.Submitted), theirs.Count(s => s == ReturnStatus.InProgress), theirs.Count(s => s == ReturnStatus.NotStarted));
        }).ToList();

        return new RoundReadiness(
            Cases: cases.Count,
            CasesWithoutAgencies: cases.Count(c => !c.AgencyIds.Intersect(round.AgencyIds).Any()),
            OpenConcerns: concerns.Count(c => c.RoundId == round.Id && c.IsOpen),
            CasesModerated: moderations.Count(m => m.RoundId == round.Id && m.Status == ModerationStatus.Moderated && inSample.Contains(m.CaseId)),
            ByAgency: byAgency,
            DaysToDeadline: round.GradingDeadline.DayNumber - today.DayNumber,
            ReturnsToCreate: involved.Count(p => !status.ContainsKey(p)));
    }
}
