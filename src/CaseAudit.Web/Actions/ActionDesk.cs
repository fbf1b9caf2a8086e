using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Excel;

namespace CaseAudit.Web.Actions;

/// The action plan and case actions: every change is written together with its audit entry,
/// and a save carrying an older version number is refused as a conflict.
public sealed class ActionDesk(CaseAuditStore store, Writer writer, Email.Notices notices)
{
    private const string Conflict = "Someone else changed this action while you were looking at it. Check it below and try again.";

    /// Open actions for a template's plan, from this round and every earlier round of it.
    public IReadOnlyList<PlanAction> OpenFor(string templateId) =>
        store.PlanActions.Find(a => a.TemplateId == templateId).Where(a => !a.Closed)
            .OrderBy(a => int.TryParse(a.Ref.AsSpan(1), out var n) ? n : 0).ToList();

    public IReadOnlyList<CaseAction> CaseActionsOf(string roundId) =>
        store.CaseActions.Find(a => a.RoundId == roundId).OrderBy(a => a.Due).ToList();

    public Task<PlanAction> CreateAsync(Round round, PlanAction action, Actor by) =>
        writer.WriteAsync(change =>
        {
            action.TemplateId = round.TemplateId;
            action.RoundId = round.Id;
            action.Ref = ActionRules.NextRef(store.PlanActions.Find(a => a.TemplateId == round.TemplateId).Select(a => a.Ref));
            action.Version = 1;
            store.PlanActions.Insert(action);
            change.Audit(by.Did(
                type: "action.created",
                summary: $"Action {action.Ref} added to the {round.TemplateId} plan in '{round.Title}'",
                subject: Subject(action),
                after: Snapshot(action)));
            return action;
        });

    public Task<string?> UpdateAsync(string id, int expectedVersion, Action<PlanAction> edit, Actor by) =>
        writer.WriteAsync<string?>(change =>
        {
            var action = store.PlanActions.FindById(id) ?? throw new RecordGone("action", id);
            if (action.Version != expectedVersion)
            {
                return Conflict;
            }

            var before = Snapshot(action);
            edit(action);
            action.Version++;
            store.PlanActions.Update(action);
            change.Audit(by.Did(
                type: "action.updated",
                summary: $"Action {action.Ref} ({action.TemplateId}) changed",
                subject: Subject(action),
                before: before,
                after: Snapshot(action)));
            return null;
        });

    public Task<string?> AddProgressAsync(string id, int expectedVersion, string text, Rag rag, Actor by) =>
        writer.WriteAsync<string?>(change =>
        {
            var action = store.PlanActions.FindById(id) ?? throw new RecordGone("action", id);
            if (action.Version != expectedVersion)
            {
                return Conflict;
            }

            var before = new { rag = action.Rag.ToString() };
            var update = new ProgressUpdate(change.Now, by.Name, text.Trim(), rag);
            action.Progress.Add(update);
            action.Rag = rag;
            action.Version++;
            store.PlanActions.Update(action);
            change.Audit(by.Did(
                type: "action.progress",
                summary: $"Progress on action {action.Ref} ({action.TemplateId}): {rag}",
                subject: Subject(action),
                before: before,
                after: new { rag = rag.ToString(), update.Text }));
            return null;
        });

    /// Every action of the template's plan, open or closed, as the learning-summary workbook lists them.
    public IReadOnlyList<PlanAction> PlanOf(string templateId) => store.PlanActions.Find(a => a.TemplateId == templateId).ToList();

    /// Progress from an uploaded workbook: every action or none. The changes come back from a
    /// confirmation form, so each is checked again here against what is stored.
    public Task<string?> ApplyProgressAsync(Round round, IReadOnlyList<ProgressChange> changes, string fileName, Actor by) =>
        writer.WriteAsync<string?>(write =>
        {
            var actions = new List<(PlanAction Action, ProgressChange Change)>();
            foreach (var change in changes)
            {
                var action = store.PlanActions.FindById(change.ActionId);
                if (UploadRefusal(round, action, change, actions) is { } refusal)
                {
                    return refusal;
                }

                actions.Add((action!, change));
            }

            if (actions.Count == 0)
            {
                return ActionPlanUpload.NothingToApply;
            }

            var at = write.Now;
            var events = new List<AuditEvent>();
            foreach (var (action, change) in actions)
            {
                var before = new { rag = action.Rag.ToString(), currentPosition = LearningSummaryWorkbook.CurrentPosition(action) };
                var update = new ProgressUpdate(at, by.Name, change.NewPosition.Trim(), change.NewRag);
                action.Progress.Add(update);
                action.Rag = change.NewRag;
                action.Version++;
                events.Add(by.Did(
                    type: "action.progress",
                    summary: $"Progress on action {action.Ref} ({action.TemplateId}): {update.Rag}, from an uploaded workbook ({fileName})",
                    subject: Subject(action),
                    before: before,
                    after: new { rag = update.Rag.ToString(), update.Text, source = "uploaded workbook", fileName }));
            }

            foreach (var (action, _) in actions)
            {
                store.PlanActions.Update(action);
            }

            events.ForEach(write.Audit);
            return null;
        });

    private static string? UploadRefusal(Round round, PlanAction? action, ProgressChange change, List<(PlanAction Action, ProgressChange Change)> accepted)
    {
        const string Nothing = " Nothing was applied.";
        if (action is null || action.TemplateId != round.TemplateId)
        {
            return $"Action {change.Ref} is not in this round's plan.{Nothing}";
        }

        if (accepted.Any(a => a.Action.Id == action.Id))
        {
            return $"Action {action.Ref} is listed twice.{Nothing}";
        }

        if (action.Version != change.Version)
        {
            return $"Someone changed action {action.Ref} after the workbook was checked. Upload the workbook again to see the changes against the plan as it is now.{Nothing}";
        }

        if (action.Closed)
        {
            return $"Action {action.Ref} is closed, so it cannot be changed.{Nothing}";
        }

        if (change.NewRag is not (Rag.Red or Rag.Amber or Rag.Green))
        {
            return $"The RAG for action {action.Ref} must be Red, Amber or Green.{Nothing}";
        }

        return ActionRules.Text(change.NewPosition, $"the current position for action {action.Ref}") is { } problem ? $"{problem}.{Nothing}" : null;
    }

    public Task<string?> CloseAsync(string id, int expectedVersion, Actor by) =>
        writer.WriteAsync<string?>(change =>
        {
            var action = store.PlanActions.FindById(id) ?? throw new RecordGone("action", id);
            if (action.Version != expectedVersion)
            {
                return Conflict;
            }

            action.Closed = true;
            action.ClosedAt = change.Now;
            action.Version++;
            store.PlanActions.Update(action);
            change.Audit(by.Did(
                type: "action.closed",
                summary: $"Action {action.Ref} ({action.TemplateId}) closed",
                subject: Subject(action),
                before: new { closed = false },
                after: new { closed = true, rag = action.Rag.ToString(), closedAt = action.ClosedAt }));
            return null;
        });

    public Task<CaseAction> CreateCaseActionAsync(Round round, SampledCase sampled, CaseAction action, Actor by) =>
        writer.WriteAsync(change =>
        {
            action.RoundId = round.Id;
            action.CaseId = sampled.Id;
            change.Store.CaseActions.Insert(action);
            change.Audit(by.Did(
                type: "case-action.created",
                summary: $"Case action for {action.AgencyId} on case {sampled.Reference} in '{round.Title}'",
                subject: $"case-action:{action.Id}",
                after: new { action.AgencyId, sampled.Reference, action.What, action.Due }));
            notices.CaseActionAssigned(change, round, action, sampled.Reference);
            return action;
        });

    public Task<string?> MarkDoneAsync(string id, int expectedVersion, Actor by) =>
        writer.WriteAsync<string?>(change =>
        {
            var action = store.CaseActions.FindById(id) ?? throw new RecordGone("case action", id);
            if (action.Version != expectedVersion)
            {
                return "Someone else changed this case action while you were looking at it. Check it below and try again.";
            }

            if (action.Done)
            {
                return null;
            }

            action.Done = true;
            action.DoneAt = change.Now;
            action.DoneBy = by.Name;
            action.Version++;
            store.CaseActions.Update(action);
            change.Audit(by.Did(
                type: "case-action.done",
                summary: $"Case action for {action.AgencyId} marked done",
                subject: $"case-action:{action.Id}",
                before: new { done = false },
                after: new { done = true, action.DoneAt, action.DoneBy }));
            return null;
        });

    public static string Subject(PlanAction action) => $"plan-action:{action.Id}";

    private static object Snapshot(PlanAction a) =>
        new { a.Ref, a.Workstream, a.Aim, a.Activity, a.LeadName, a.LeadAgencyId, a.Timescale, rag = a.Rag.ToString(), a.Closed };
}
