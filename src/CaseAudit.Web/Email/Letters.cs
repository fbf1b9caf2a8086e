using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Domain.Rounds;
using Humanizer;

namespace CaseAudit.Web.Email;

/// The words of every email. Only round titles, counts, dates, a case reference at most, and
/// links: never evidence, concern text or anything else written about a child.
public sealed class Letters(string siteUrl)
{
    public string Link(string path) => siteUrl + path;

    private string Choose => $"Choose which emails you get on Your account: {Link("/account/emails")}";

    private static string Day(DateOnly date) => date.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static string Returns(int n) => "return".ToQuantity(n);

    public Letter ReturnsToGrade(Round round, string agency, int returns) => new(
        $"You have {Returns(returns)} to grade for {round.Title}, due {Day(round.GradingDeadline)}",
        [
            $"Grading has started on the case file audit \"{round.Title}\". {agency} has {Returns(returns)} to grade, one for each case in the sample your agency was involved with.",
            $"Please submit them by {Day(round.GradingDeadline)}.",
        ],
        [],
        "Open your returns", Link("/returns"),
        $"You get this because you audit for {agency} on CaseAudit. {Choose}");

    public Letter DeadlineReminder(Round round, string agency, int notSubmitted, int daysLeft) => new(
        $"Reminder: {Returns(notSubmitted)} for {round.Title} {(daysLeft == 0 ? "due today" : $"due in {"day".ToQuantity(daysLeft)}")}",
        [
            $"{agency} has {Returns(notSubmitted)} not yet submitted for \"{round.Title}\". The grading deadline is {Day(round.GradingDeadline)}{(daysLeft == 0 ? ", today" : "")}.",
        ],
        [],
        "Open your returns", Link("/returns"),
        $"You get this because you audit for {agency} on CaseAudit and your agency has returns not submitted. {Choose}");

    public Letter OverdueNotice(Round round, string agency, int notSubmitted) => new(
        $"Overdue: {Returns(notSubmitted)} for {round.Title} were due on {Day(round.GradingDeadline)}",
        [
            $"{agency} still has {Returns(notSubmitted)} not submitted for \"{round.Title}\". They were due on {Day(round.GradingDeadline)}.",
            "Please submit them as soon as you can, or tell the audit coordinator when they will be ready.",
        ],
        [],
        "Open your returns", Link("/returns"),
        $"You get this because you audit for {agency} on CaseAudit and your agency's returns are overdue. {Choose}");

    /// The Coordinator's digest: one line per agency still late.
    public Letter OverdueDigest(Round round, IReadOnlyList<(string Agency, int NotSubmitted, int Of, int InProgress)> late) => new(
        $"Late returns for {round.Title}: {"agency".ToQuantity(late.Count)} still to submit",
        [
            $"The grading deadline for \"{round.Title}\" was {Day(round.GradingDeadline)}. These agencies still have returns not submitted:",
        ],
        [.. late.Select(l => $"{l.Agency}: {l.NotSubmitted} of {Returns(l.Of)} not submitted ({l.InProgress} in progress)")],
        "See the round's progress", Link($"/rounds/{round.Id}"),
        $"You get this because you coordinate audits on CaseAudit. {Choose}");

    public Letter ConcernAlert(Round round, SafeguardingConcern concern, string caseReference, string agency) => new(
        $"Immediate safeguarding concern raised on case {caseReference}",
        [
            $"An auditor for {agency} has raised an immediate safeguarding concern on case {caseReference} in \"{round.Title}\".",
            "Read it in CaseAudit and record the follow-up there. The round cannot be published while the concern is open.",
        ],
        [],
        "Open the concern", Link($"/rounds/{round.Id}/concerns/{concern.Id}"),
        "You get this because you coordinate audits on CaseAudit. Coordinators always get immediate safeguarding concern alerts.");

    public Letter ConcernReminder(Round round, SafeguardingConcern concern, string caseReference, int daysOpen) => new(
        $"Still open: immediate safeguarding concern on case {caseReference}",
        [
            $"The immediate safeguarding concern on case {caseReference} in \"{round.Title}\" was raised {"day".ToQuantity(daysOpen)} ago and has no follow-up recorded.",
            "Record the follow-up in CaseAudit once it is done. You will be reminded each day until then.",
        ],
        [],
        "Open the concern", Link($"/rounds/{round.Id}/concerns/{concern.Id}"),
        "You get this because you coordinate audits on CaseAudit. Coordinators always get immediate safeguarding concern alerts.");

    public Letter RoundPublished(Round round, string? publishedWith) => new(
        $"Findings published: {round.Title}",
        [
            $"The findings of the case file audit \"{round.Title}\" have been published to the board.",
            .. publishedWith is null ? Array.Empty<string>() : [$"They were {publishedWith}."],
        ],
        [],
        "Read the findings", Link($"/board/rounds/{round.Id}"),
        $"You get this because you are a board member on CaseAudit. {Choose}");

    public Letter CaseActionAssigned(Round round, CaseAction action, string caseReference, string agency) => new(
        $"A case action for {agency} on case {caseReference}, due {Day(action.Due)}",
        [
            $"The audit \"{round.Title}\" has given {agency} an action on case {caseReference}, due {Day(action.Due)}.",
            "Read what is asked in CaseAudit, and mark it done there once it is.",
        ],
        [],
        "Open your agency's case actions", Link("/case-actions"),
        $"You get this because you audit for {agency} on CaseAudit. {Choose}");

    public Letter PlanActionOverdue(PlanAction action, string planTitle) => new(
        $"Action {action.Ref} in the {planTitle} action plan is past its timescale",
        [
            $"You lead action {action.Ref} ({action.Workstream}) in the {planTitle} action plan. Its timescale was {Day(action.Timescale)} and it is not closed.",
            "Please add a progress update, or close the action if it is done.",
        ],
        [],
        "Open the action", action.RoundId.Length > 0 ? Link($"/rounds/{action.RoundId}/actions/{action.Id}") : Link("/"),
        $"You get this because you are named as the lead of this action on CaseAudit. {Choose}");

    public Letter Test(string by) => new(
        "CaseAudit test message",
        [$"{by} sent this from Admin → Outbox to check that CaseAudit's emails reach people. Nothing needs doing."],
        [],
        "Open CaseAudit", Link("/"),
        "You get this because an administrator typed your address on CaseAudit's outbox page.");
}
