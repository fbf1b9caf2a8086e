using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Email;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Excel;
using CaseAudit.Web.Identity;

namespace CaseAudit.Web.Email;

/// The emails the clock causes: deadline reminders, overdue notices and the Coordinator's
/// digest, daily reminders of open concerns, overdue plan actions. A sweep runs through the
/// writer every little while and queues whatever has become due; each message's key says
/// which occasion it is for, so sweeping again (or after a restart) queues nothing twice.
public sealed class Reminders(Letters letters)
{
    /// Queues what is due at the change's time; how many emails it queued.
    public int QueueDue(Change change)
    {
        var uk = UkTime.Of(change.Now);
        if (uk.Hour < ReminderSchedule.FromHour)
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(uk);
        return Rounds(change, today) + Concerns(change, today) + PlanActions(change, today);
    }

    private int Rounds(Change change, DateOnly today)
    {
        var store = change.Store;
        var queued = 0;
        foreach (var round in store.Rounds.Find(r => r.Status == RoundStatus.Grading).ToList())
        {
            var started = round.History.LastOrDefault(h => h.To == RoundStatus.Grading && h.From == RoundStatus.Draft)?.At ?? round.CreatedAt;
            var deadline = round.GradingDeadline;
            var reminder = ReminderSchedule.DueReminder(round.ReminderDays, deadline, UkTime.Day(started), today);
            var overdue = ReminderSchedule.IsOverdue(deadline, today);
            if (reminder is null && !overdue)
            {
                // Most days: nothing is due, and the returns (with all their evidence) are not read.
                continue;
            }

            // Only who and what state: a return's answers are not needed to count it.
            var returns = store.Returns.Query().Where(r => r.RoundId == round.Id).Select(r => new { r.AgencyId, r.Status }).ToList();
            var late = round.AgencyIds
                .Select(a => (AgencyId: a, Of: returns.Count(r => r.AgencyId == a), Open: returns.Count(r => r.AgencyId == a && r.Status != ReturnStatus.Submitted),
                    InProgress: returns.Count(r => r.AgencyId == a && r.Status == ReturnStatus.InProgress)))
                .Where(a => a.Open > 0)
                .ToList();
            if (late.Count == 0)
            {
                continue;
            }

            if (reminder is int days)
            {
                foreach (var agency in late)
                {
                    var letter = letters.DeadlineReminder(round, Notices.AgencyName(store, agency.AgencyId), agency.Open, deadline.DayNumber - today.DayNumber);
                    queued += Send(change, $"deadline-reminder:{round.Id}:{deadline:yyyy-MM-dd}:{days}", EmailKind.DeadlineReminder,
                        MailQueue.People(store, Roles.Auditor, agency.AgencyId), round.Id, letter);
                }
            }

            if (overdue)
            {
                foreach (var agency in late)
                {
                    var letter = letters.OverdueNotice(round, Notices.AgencyName(store, agency.AgencyId), agency.Open);
                    queued += Send(change, $"overdue:{round.Id}:{deadline:yyyy-MM-dd}", EmailKind.OverdueNotice,
                        MailQueue.People(store, Roles.Auditor, agency.AgencyId), round.Id, letter);
                }

                var digest = letters.OverdueDigest(round, [.. late.Select(a => (Notices.AgencyName(store, a.AgencyId), a.Open, a.Of, a.InProgress))]);
                queued += Send(change, $"overdue-digest:{round.Id}:{deadline:yyyy-MM-dd}", EmailKind.OverdueDigest,
                    MailQueue.People(store, Roles.Coordinator), round.Id, digest);
            }
        }

        return queued;
    }

    private int Concerns(Change change, DateOnly today)
    {
        var store = change.Store;
        var queued = 0;
        foreach (var concern in store.Concerns.Find(c => c.FollowUp == null).ToList())
        {
            var daysOpen = ReminderSchedule.DaysOpen(UkTime.Day(concern.RaisedAt), today);
            if (daysOpen < 1 || store.Rounds.FindById(concern.RoundId) is not { } round)
            {
                continue;
            }

            var reference = store.Cases.FindById(concern.CaseId)?.Reference ?? "(removed)";
            queued += Send(change, $"concern-reminder:{concern.Id}:{today:yyyy-MM-dd}", EmailKind.ConcernAlert,
                MailQueue.People(store, Roles.Coordinator), round.Id, letters.ConcernReminder(round, concern, reference, daysOpen));
        }

        return queued;
    }

    private int PlanActions(Change change, DateOnly today)
    {
        var store = change.Store;
        var queued = 0;
        var overdue = store.PlanActions.Find(a => !a.Closed).Where(a => a.Timescale < today).ToList();
        if (overdue.Count == 0)
        {
            return 0;
        }

        var people = store.Users.Find(u => u.Active).ToList();
        foreach (var action in overdue)
        {
            // The lead is a name typed on the plan; they get this only if exactly one person
            // on CaseAudit goes by that name, so a common name never reaches the wrong person.
            var leads = people.Where(p => IsNamed(p, action.LeadName)).ToList();
            if (leads.Count != 1)
            {
                continue;
            }

            var plan = store.TemplateVersions.FindOne(v => v.TemplateId == action.TemplateId)?.Title ?? action.TemplateId;
            queued += Send(change, $"plan-action-overdue:{action.Id}:{action.Timescale:yyyy-MM-dd}", EmailKind.PlanActionOverdue,
                leads, action.RoundId.Length > 0 ? action.RoundId : null, letters.PlanActionOverdue(action, plan));
        }

        return queued;
    }

    private static bool IsNamed(CaseAuditUser person, string name) =>
        name.Trim().Length > 0
        && (string.Equals(person.DisplayName.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)
            || string.Equals(person.UserName, name.Trim(), StringComparison.OrdinalIgnoreCase));

    private static int Send(Change change, string key, EmailKind kind, IEnumerable<CaseAuditUser> people, string? roundId, Letter letter) =>
        people.Count(person => MailQueue.Queue(change, key, kind, person, roundId, letter));
}
