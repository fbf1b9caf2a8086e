using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Email;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Email;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

// A round's emails for the Coordinator: when reminders go, what has been sent (no bodies:
// those are the Admins' outbox), and who cannot be emailed at all.
[Authorize(Policy = Policies.Coordinator)]
public sealed class EmailsModel(CaseAuditStore store, RoundPlanner planner, Outbox outbox) : PageModel
{
    public Round Round { get; private set; } = null!;

    public IReadOnlyList<QueuedMail> Mail { get; private set; } = [];

    public int Total { get; private set; }

    public IReadOnlyList<(CaseAuditUser Person, string Role)> NoAddress { get; private set; } = [];

    [BindProperty]
    public string? ReminderDays { get; set; }

    public bool CanChange => RoundPlanner.CanChangeReminders(Round);

    public IActionResult OnGet(string id)
    {
        if (Load(id) is { } refused)
        {
            return refused;
        }

        ReminderDays = ReminderSchedule.Format(Round.ReminderDays);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, int version)
    {
        if (Load(id) is { } refused)
        {
            return refused;
        }

        // A closed round shows no field to put a problem next to: the planner refuses it as a whole.
        var (days, problem) = CanChange ? ReminderSchedule.Parse(ReminderDays) : (Round.ReminderDays, null);
        if (problem is not null)
        {
            ModelState.AddModelError(nameof(ReminderDays), problem);
            return Page();
        }

        if (await planner.SetReminderDaysAsync(id, version, days, HttpContext.Actor()) is { } refusal)
        {
            ModelState.AddModelError("", refusal);
            Load(id);
            ReminderDays = ReminderSchedule.Format(Round.ReminderDays);
            return Page();
        }

        TempData["Done"] = days.Count == 0 ? "No reminders will be sent for this round." : $"Reminders will go {ReminderSchedule.Format(days)} days before the grading deadline.";
        return Redirect($"/rounds/{id}/emails");
    }

    private IActionResult? Load(string id)
    {
        if (store.Rounds.FindById(id) is not { } round)
        {
            return NotFound();
        }

        Round = round;
        (Mail, Total) = outbox.Latest(roundId: id);
        var agencies = store.Agencies.FindAll().ToDictionary(a => a.Id, a => a.Name);
        NoAddress = [.. Email.NoAddress.ForRound(store.Users.FindAll(), round).Select(u => (u, RoleOf(u, agencies)))];
        return null;
    }

    private static string RoleOf(CaseAuditUser person, Dictionary<string, string> agencies) =>
        string.Join(", ", person.Roles.Where(r => r is Roles.Auditor or Roles.Coordinator or Roles.Board)
            .Select(r => r == Roles.Auditor && person.AgencyId is { } a ? $"Auditor, {agencies.GetValueOrDefault(a, a)}" : r));
}
