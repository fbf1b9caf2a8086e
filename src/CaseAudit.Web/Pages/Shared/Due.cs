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
}
