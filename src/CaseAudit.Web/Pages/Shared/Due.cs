using CaseAudit.Web.Domain.Rounds;
using Humanizer;

namespace CaseAudit.Web.Pages.Shared;

/// Deadlines in plain English: "due today", "due in 3 days", "overdue by 2 weeks".
public static class Due
{
    public static string InWords(DateOnly deadline, DateOnly today)
    {
        var days = deadline.DayNumber - today.DayNumber;
        return days switch
        {
            0 => "due today",
            > 0 => $"due in {TimeSpan.FromDays(days).Humanize(maxUnit: TimeUnit.Week)}",
            _ => $"overdue by {TimeSpan.FromDays(-days).Humanize(maxUnit: TimeUnit.Week)}",
        };
    }

    /// A round's grading deadline as it matters now. Once grading has closed the deadline no
    /// longer runs: a round published last month is not "overdue by 52 weeks" a year on.
    public static string ForRound(Round round, DateOnly today)
    {
        DateOnly? Last(RoundStatus to) => round.History.LastOrDefault(h => h.To == to) is { } change ? DateOnly.FromDateTime(change.At) : null;
        return round.Status switch
        {
            RoundStatus.Published or RoundStatus.Closed => "published" + (Last(RoundStatus.Published) is { } at ? $" {Ago(at, today)}" : ""),
            RoundStatus.Panel => "grading closed" + (Last(RoundStatus.Panel) is { } at ? $" {Ago(at, today)}" : ""),
            _ => InWords(round.GradingDeadline, today),
        };
    }

    private static string Ago(DateOnly day, DateOnly today)
    {
        var days = today.DayNumber - day.DayNumber;
        return days <= 0 ? "today" : $"{TimeSpan.FromDays(days).Humanize(maxUnit: TimeUnit.Year)} ago";
    }
}
