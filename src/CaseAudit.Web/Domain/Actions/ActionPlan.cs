using CaseAudit.Web.Domain.Rounds;
using Humanizer;

namespace CaseAudit.Web.Domain.Actions;

public enum Rag
{
    Red,
    Amber,
    Green,
    Complete,
}

/// One action in the partnership's plan for a theme. It belongs to the template, not the round:
/// an open action carries over to the next round of the same template until it is closed.
public sealed class PlanAction
{
    public string Id { get; set; } = Round.NewId();

    public string TemplateId { get; set; } = "";

    /// The round it was raised in; "" once that round is deleted (see FromDeletedRound).
    public string RoundId { get; set; } = "";

    /// The title of the round it was raised in, and when that round was deleted: the action
    /// outlives the round's records (its learning points go too, so LearningPointIds is emptied).
    public string? FromDeletedRound { get; set; }

    /// "A1", "A2"... numbered per template.
    public string Ref { get; set; } = "";

    public string Workstream { get; set; } = "";

    public string Aim { get; set; } = "";

    public string Activity { get; set; } = "";

    public string LeadName { get; set; } = "";

    public string LeadAgencyId { get; set; } = "";

    public DateOnly Timescale { get; set; }

    public Rag Rag { get; set; } = Rag.Red;

    public List<ProgressUpdate> Progress { get; set; } = [];

    /// The learning points (of the round it was raised in) this action answers.
    public List<string> LearningPointIds { get; set; } = [];

    public bool Closed { get; set; }

    /// When it was closed; null for actions closed before this was recorded, so reports count
    /// those as closed on an unknown date rather than guess.
    public DateTime? ClosedAt { get; set; }

    public int Version { get; set; } = 1;
}

public sealed record ProgressUpdate(DateTime At, string By, string Text, Rag Rag);

/// An action for one agency on one sampled case, found while auditing.
public sealed class CaseAction : IAgencyScoped
{
    public string Id { get; set; } = Round.NewId();

    public string RoundId { get; set; } = "";

    public string CaseId { get; set; } = "";

    public string AgencyId { get; set; } = "";

    public string What { get; set; } = "";

    public DateOnly Due { get; set; }

    public bool Done { get; set; }

    public DateTime? DoneAt { get; set; }

    public string? DoneBy { get; set; }

    public int Version { get; set; } = 1;
}

public static class ActionRules
{
    public const int MaxLength = 2000;

    /// As the Kirklees neglect plan groups its actions.
    public static readonly IReadOnlyList<string> Workstreams = ["Strategic", "Awareness", "Training", "Data", "Practice"];

    /// Field name to message for each problem with a plan action's text fields.
    public static IEnumerable<(string Field, string Message)> Problems(string? workstream, string? aim, string? activity, string? leadName, string? leadAgencyId, IReadOnlyCollection<string> agencies)
    {
        if (workstream is null || !Workstreams.Contains(workstream))
        {
            yield return ("Workstream", "Select the workstream");
        }

        foreach (var (field, value, what) in new[] { ("Aim", aim, "what you are trying to achieve"), ("Activity", activity, "the activity"), ("LeadName", leadName, "the lead's name") })
        {
            if (Text(value, what) is { } problem)
            {
                yield return (field, problem);
            }
        }

        if (leadAgencyId is null || !agencies.Contains(leadAgencyId))
        {
            yield return ("LeadAgencyId", "Select the lead agency");
        }
    }

    /// Required text up to MaxLength characters, or the GOV.UK-style message.
    public static string? Text(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? $"Enter {what}"
        : value.Trim().Length > MaxLength ? $"{char.ToUpperInvariant(what[0])}{what[1..]} must be {MaxLength} characters or fewer"
        : null;

    /// The next reference for a template's plan: one more than the highest so far.
    public static string NextRef(IEnumerable<string> existing) =>
        "A" + (existing.Select(r => r.Length > 1 && int.TryParse(r[1..], out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1);
}

public static class Overdue
{
    /// "overdue by 2 weeks" when the timescale has passed and the action is still open, else null.
    public static string? InWords(DateOnly timescale, DateOnly today, bool closed)
    {
        var days = today.DayNumber - timescale.DayNumber;
        return closed || days <= 0 ? null : $"overdue by {TimeSpan.FromDays(days).Humanize(maxUnit: TimeUnit.Week)}";
    }
}

// The board follows the actions raised in published (or closed) rounds of the theme and in the
// round it is reading; actions drafted for a round still in grading are not theirs to see yet.
// The board's pages and the learning-summary workbook both read through this, so they agree.
public static class BoardActions
{
    public static List<PlanAction> For(Round round, IEnumerable<Round> themeRounds, IEnumerable<PlanAction> themeActions)
    {
        var visible = themeRounds
            .Where(r => r.Id == round.Id || r.Status is RoundStatus.Published or RoundStatus.Closed)
            .Select(r => r.Id)
            .ToHashSet(StringComparer.Ordinal);
        return themeActions
            .Where(a => a.TemplateId == round.TemplateId && (visible.Contains(a.RoundId) || a.FromDeletedRound is not null))
            .OrderBy(a => a.Closed)
            .ThenBy(a => int.TryParse(a.Ref.AsSpan(1), out var n) ? n : int.MaxValue)
            .ToList();
    }
}
