using System.Globalization;

namespace CaseAudit.Web.Domain.Rounds;

/// What the Coordinator decides when planning a round and may correct while it is in Draft:
/// its title, the period under review, the grading deadline and the agencies taking part. The
/// template is not part of it: a round keeps the template version it was created on.
public sealed record RoundPlan(string Title, DateOnly PeriodFrom, DateOnly PeriodTo, DateOnly GradingDeadline, IReadOnlyList<string> AgencyIds)
{
    public const int MaxTitleLength = 120;

    // The names of the fields a problem belongs to; "" is the plan as a whole.
    public const string TitleField = "Title";
    public const string PeriodFromField = "PeriodFrom";
    public const string PeriodToField = "PeriodTo";
    public const string DeadlineField = "Deadline";
    public const string AgenciesField = "AgencyIds";

    public static RoundPlan Of(Round round) => new(round.Title, round.PeriodFrom, round.PeriodTo, round.GradingDeadline, [.. round.AgencyIds]);

    public static string? TitleProblem(string title) =>
        title.Trim().Length == 0 ? "Enter a title for the round"
        : title.Trim().Length > MaxTitleLength ? $"The title must be {MaxTitleLength} characters or fewer"
        : null;

    public static string? PeriodProblem(DateOnly from, DateOnly to) =>
        to < from ? "The end of the period must be the same as or after its start" : null;

    /// Auditors grade records of the period under review, so the deadline comes after it; a
    /// deadline already past would make every return overdue the moment grading starts.
    public static string? DeadlineProblem(DateOnly? periodTo, DateOnly deadline, DateOnly today) =>
        periodTo is { } end && deadline <= end ? $"The grading deadline must be after the end of the period under review ({Long(end)})"
        : deadline < today ? $"The grading deadline must be today or in the future (today is {Long(today)})"
        : null;

    public static string? AgenciesProblem(IReadOnlyCollection<string> agencyIds) =>
        agencyIds.Count == 0 ? "Select at least one participating agency" : null;

    /// Cases that an agency of the round was involved with but no agency of this plan was: once
    /// the round's agencies are these, no one would grade them.
    public IReadOnlyList<SampledCase> CasesLeftWithoutAgency(IEnumerable<SampledCase> cases, IReadOnlyCollection<string> roundAgencyIds) =>
        cases.Where(c => c.AgencyIds.Intersect(roundAgencyIds).Any() && !c.AgencyIds.Intersect(AgencyIds).Any()).ToList();

    /// Every problem with the plan for a round that now has these agencies and cases, by field.
    public IReadOnlyList<PlanProblem> Problems(DateOnly today, IReadOnlyCollection<string> roundAgencyIds, IReadOnlyList<SampledCase> cases, Func<string, string> agencyName)
    {
        var problems = new List<PlanProblem>();
        void Add(string field, string? message)
        {
            if (message is not null)
            {
                problems.Add(new PlanProblem(field, message));
            }
        }

        Add(TitleField, TitleProblem(Title));
        Add(PeriodToField, PeriodProblem(PeriodFrom, PeriodTo));
        Add(DeadlineField, DeadlineProblem(PeriodTo, GradingDeadline, today));
        Add(AgenciesField, AgenciesProblem(AgencyIds));
        if (AgencyIds.Count > 0 && CasesLeftWithoutAgency(cases, roundAgencyIds) is { Count: > 0 } orphaned)
        {
            var agencies = orphaned.SelectMany(c => c.AgencyIds.Intersect(roundAgencyIds)).Distinct().Select(agencyName).Order(StringComparer.Ordinal).ToList();
            var references = orphaned.Select(c => c.Reference).ToList();
            Add(AgenciesField, orphaned.Count == 1
                ? $"Case {references[0]} involves only {And(agencies)}, which this change takes out of the round. Change the case's agencies or remove it first, or keep {(agencies.Count == 1 ? "the agency" : "one of them")}"
                : $"Cases {And(references)} involve only {And(agencies)}, which this change takes out of the round. Change those cases' agencies or remove them first, or keep {(agencies.Count == 1 ? "the agency" : "those agencies")}");
        }

        return problems;
    }

    public void ApplyTo(Round round)
    {
        round.Title = Title.Trim();
        round.PeriodFrom = PeriodFrom;
        round.PeriodTo = PeriodTo;
        round.GradingDeadline = GradingDeadline;
        round.AgencyIds = [.. AgencyIds];
    }

    private static string Long(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    private static string And(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";
}

/// One problem with a round's plan. Field is one of RoundPlan's field names, or "" for the
/// plan as a whole (someone else changed it, or the round has moved on).
public sealed record PlanProblem(string Field, string Message);
