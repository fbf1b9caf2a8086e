using CaseAudit.Web.Domain.Email;
using CaseAudit.Web.Email;

namespace CaseAudit.Tests.Email;

public sealed class ReminderScheduleTests
{
    private static readonly DateOnly Deadline = new(2027, 3, 19);
    private static readonly DateOnly Started = new(2027, 2, 19);

    [Theory]
    [InlineData(-30, null)] // a month before: nothing yet
    [InlineData(-8, null)]
    [InlineData(-7, 7)]
    [InlineData(-5, 7)] // the app was off on the day: the seven-day reminder still goes (once: its key)
    [InlineData(-2, 2)]
    [InlineData(-1, 2)] // past the two-day mark the nearest reminder is the two-day one, not the seven
    [InlineData(0, 2)]
    [InlineData(1, null)] // after the deadline it is overdue, not a reminder
    public void The_reminder_due_is_the_nearest_whose_day_has_come(int daysFromDeadline, int? due) =>
        Assert.Equal(due, ReminderSchedule.DueReminder([7, 2], Deadline, Started, Deadline.AddDays(daysFromDeadline)));

    [Fact]
    public void A_reminder_whose_day_was_on_or_before_grading_started_is_not_sent_the_start_email_said_it()
    {
        var lateStart = Deadline.AddDays(-7);
        Assert.Null(ReminderSchedule.DueReminder([7, 2], Deadline, lateStart, lateStart));
        Assert.Null(ReminderSchedule.DueReminder([7, 2], Deadline, lateStart, lateStart.AddDays(3)));
        Assert.Equal(2, ReminderSchedule.DueReminder([7, 2], Deadline, lateStart, Deadline.AddDays(-2)));
    }

    [Fact]
    public void No_reminder_days_means_no_reminders() =>
        Assert.Null(ReminderSchedule.DueReminder([], Deadline, Started, Deadline.AddDays(-2)));

    [Fact]
    public void Overdue_starts_the_day_after_the_deadline()
    {
        Assert.False(ReminderSchedule.IsOverdue(Deadline, Deadline));
        Assert.True(ReminderSchedule.IsOverdue(Deadline, Deadline.AddDays(1)));
    }

    [Theory]
    [InlineData("7, 2", new[] { 7, 2 })]
    [InlineData("2 7 7", new[] { 7, 2 })]
    [InlineData(" 14;3 ", new[] { 14, 3 })]
    [InlineData("", new int[0])]
    public void Reminder_days_read_as_people_type_them_most_first(string typed, int[] days)
    {
        var (parsed, problem) = ReminderSchedule.Parse(typed);
        Assert.Null(problem);
        Assert.Equal(days, parsed);
    }

    [Theory]
    [InlineData("seven")]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("91")]
    [InlineData("2.5")]
    [InlineData("99999999999999999999")]
    [InlineData("1,2,3,4,5,6")]
    public void Reminder_days_that_are_not_whole_days_from_1_to_90_or_too_many_are_refused_with_a_message(string typed)
    {
        var (parsed, problem) = ReminderSchedule.Parse(typed);
        Assert.Empty(parsed);
        Assert.NotNull(problem);
    }

    [Fact]
    public void Backoff_doubles_from_a_minute_to_at_most_an_hour()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), MailSender.Backoff(1));
        Assert.Equal(TimeSpan.FromMinutes(2), MailSender.Backoff(2));
        Assert.Equal(TimeSpan.FromMinutes(32), MailSender.Backoff(6));
        Assert.Equal(TimeSpan.FromHours(1), MailSender.Backoff(7));
        Assert.Equal(TimeSpan.FromHours(1), MailSender.Backoff(500));
    }
}
