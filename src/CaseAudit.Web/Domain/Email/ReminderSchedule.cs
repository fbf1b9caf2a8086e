using System.Globalization;

namespace CaseAudit.Web.Domain.Email;

/// When the clock says a reminder is due. Plain dates in UK time: what people read as "due in
/// 2 days" is counted in their calendar days.
public static class ReminderSchedule
{
    public static readonly IReadOnlyList<int> DefaultDaysBefore = [7, 2];

    /// Reminders, overdue notices and digests go from this hour (UK time), not at midnight.
    public const int FromHour = 8;

    public const int MaxReminders = 5;

    public const int MaxDaysBefore = 90;

    /// The reminder due today, as its days before the deadline, or null. Only the nearest
    /// reminder whose day has come is due, so an app that was off for a week sends one, not
    /// two; and none whose day was on or before grading started (the start email said it).
    public static int? DueReminder(IReadOnlyCollection<int> daysBefore, DateOnly deadline, DateOnly gradingStarted, DateOnly today)
    {
        var left = deadline.DayNumber - today.DayNumber;
        if (left < 0)
        {
            return null;
        }

        var due = daysBefore.Where(d => d >= left).Order().ToList();
        return due.Count > 0 && deadline.AddDays(-due[0]) > gradingStarted ? due[0] : null;
    }

    /// The day after the deadline, or any day after it that the round is still grading.
    public static bool IsOverdue(DateOnly deadline, DateOnly today) => today > deadline;

    /// Whole days an item raised on that day has been open today.
    public static int DaysOpen(DateOnly raised, DateOnly today) => today.DayNumber - raised.DayNumber;

    /// Reads "7, 2" (the Coordinator's choice per round): the days, most first, or a problem.
    public static (IReadOnlyList<int> Days, string? Problem) Parse(string? text)
    {
        var parts = (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var days = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d < 1 || d > MaxDaysBefore)
            {
                return ([], $"Enter each reminder as a whole number of days from 1 to {MaxDaysBefore}, separated by commas, like 7, 2");
            }

            if (!days.Contains(d))
            {
                days.Add(d);
            }
        }

        return days.Count > MaxReminders
            ? ([], $"Enter {MaxReminders} reminders or fewer")
            : ([.. days.OrderDescending()], null);
    }

    public static string Format(IEnumerable<int> days) => string.Join(", ", days.OrderDescending());
}
