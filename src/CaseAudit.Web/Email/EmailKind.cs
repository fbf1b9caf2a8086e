using CaseAudit.Web.Identity;

namespace CaseAudit.Web.Email;

/// The kinds of email CaseAudit sends. Stored by name (in the queue and in people's choices),
/// so a kind is never renamed, only added.
public enum EmailKind
{
    ReturnsToGrade,
    DeadlineReminder,
    OverdueNotice,
    OverdueDigest,
    ConcernAlert,
    RoundPublished,
    CaseActionAssigned,
    PlanActionOverdue,
    TestMessage,
}

/// What each kind is, who gets it and whether they may turn it off: what Your account offers.
public sealed record EmailKindInfo(EmailKind Kind, string Name, string When, IReadOnlyList<string> Roles)
{
    public static readonly IReadOnlyList<EmailKindInfo> All =
    [
        new(EmailKind.ReturnsToGrade, "Returns to grade", "when grading starts on a round your agency takes part in", [Identity.Roles.Auditor]),
        new(EmailKind.DeadlineReminder, "Deadline reminders", "before the grading deadline, while your agency has returns not submitted", [Identity.Roles.Auditor]),
        new(EmailKind.OverdueNotice, "Overdue returns", "the day after the grading deadline, while your agency has returns not submitted", [Identity.Roles.Auditor]),
        new(EmailKind.CaseActionAssigned, "Case actions", "when a case action is given to your agency", [Identity.Roles.Auditor]),
        new(EmailKind.OverdueDigest, "Late returns digest", "the day after a round's grading deadline: who is late, agency by agency", [Identity.Roles.Coordinator]),
        new(EmailKind.ConcernAlert, "Immediate safeguarding concerns", "at once when one is raised, and each day while it has no follow-up recorded", [Identity.Roles.Coordinator]),
        new(EmailKind.RoundPublished, "Published findings", "when a round's findings are published to the board", [Identity.Roles.Board]),
        new(EmailKind.PlanActionOverdue, "Overdue plan actions", "when an action plan action you lead passes its timescale", [.. Identity.Roles.All]),
    ];

    public static EmailKindInfo Of(EmailKind kind) => All.FirstOrDefault(k => k.Kind == kind)
        ?? new(kind, "Test message", "when an administrator checks the email settings", [Identity.Roles.Admin]);

    /// Whether this person is someone the kind is for (by role).
    public bool IsFor(CaseAuditUser person) => Roles.Any(person.Roles.Contains);

    /// A Coordinator cannot turn off concern alerts: a child may be at risk now. Test messages
    /// are asked for, so they are always sent.
    public static bool CanTurnOff(EmailKind kind, CaseAuditUser person) =>
        kind switch
        {
            EmailKind.ConcernAlert => !person.Roles.Contains(Identity.Roles.Coordinator),
            EmailKind.TestMessage => false,
            _ => true,
        };

    public static bool Wants(CaseAuditUser person, EmailKind kind) => !CanTurnOff(kind, person) || !person.EmailsOff.Contains(kind);
}
