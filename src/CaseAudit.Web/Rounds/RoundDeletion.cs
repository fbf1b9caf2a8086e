using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Web.Rounds;

/// What deleting a round takes with it, in numbers (and what it leaves: the plan actions
/// raised in it, unlinked).
public sealed record RoundContents(int Cases, int Returns, int Moderations, int Concerns, int LearningPoints, int PublishedFindings, int CaseActions, int PlanActionsKept, int Emails)
{
    /// Posted back with the confirmation, so a round that gained or lost records since the page
    /// was shown is not deleted on numbers the Admin did not see.
    public string Fingerprint => $"{Cases}.{Returns}.{Moderations}.{Concerns}.{LearningPoints}.{PublishedFindings}.{CaseActions}.{PlanActionsKept}.{Emails}";

    public static RoundContents Of(CaseAuditStore store, string roundId) => new(
        store.Cases.Count(c => c.RoundId == roundId),
        store.Returns.Count(r => r.RoundId == roundId),
        store.Moderations.Count(m => m.RoundId == roundId),
        store.Concerns.Count(c => c.RoundId == roundId),
        store.LearningPoints.Count(l => l.RoundId == roundId),
        store.PublishedFindings.FindById(roundId) is null ? 0 : 1,
        store.CaseActions.Count(a => a.RoundId == roundId),
        store.PlanActions.Count(a => a.RoundId == roundId),
        store.Mail.Count(m => m.RoundId == roundId));
}

public sealed record RoundDeleted(bool Deleted, IReadOnlyList<MoveProblem> Problems, bool Gone = false);

/// Deletes a closed round and everything recorded in it, for good (UK GDPR storage
/// limitation): one command, so all of it goes or none. The audit entries about its records
/// lose their text (AuditRedaction) and one round.deleted entry says what went, in numbers.
/// Afterwards the data file is checkpointed so the deleted bytes are gone from it and its log.
public sealed class RoundDeletion(Writer writer, Email.MailSettings mail)
{
    public const string Stale = "The round changed while you were looking at it: check what will be deleted below and confirm again.";

    public const string AlreadyDeleted = "This round has already been deleted.";

    public static bool WasDeleted(CaseAuditStore store, string roundId)
    {
        var subject = $"round:{roundId}";
        return store.AuditEntries.Exists(e => e.Type == "round.deleted" && e.Subject == subject);
    }

    public async Task<RoundDeleted> DeleteAsync(string roundId, int expectedVersion, string? expectedContents, string? confirmTitle, string? reason, Actor by)
    {
        IReadOnlyList<string> outboxFiles = [];
        var result = await writer.WriteAsync(change =>
        {
            outboxFiles = [];
            var s = change.Store;
            if (s.Rounds.FindById(roundId) is not { } round)
            {
                return new RoundDeleted(false, [new("", AlreadyDeleted)], Gone: true);
            }

            if (RoundRetention.Problems(round, confirmTitle, reason) is { Count: > 0 } problems)
            {
                return new RoundDeleted(false, problems);
            }

            var contents = RoundContents.Of(s, roundId);
            if (round.Version != expectedVersion || contents.Fingerprint != expectedContents)
            {
                return new RoundDeleted(false, [new("", Stale)]);
            }

            // The records the trail names by subject, gathered before they go.
            var cases = s.Cases.Find(c => c.RoundId == roundId).Select(c => c.Id).ToList();
            var subjects = new HashSet<string>(StringComparer.Ordinal) { RoundPlanner.Subject(round) };
            subjects.UnionWith(s.Returns.Find(r => r.RoundId == roundId).Select(r => $"return:{r.Id}"));
            subjects.UnionWith(s.Concerns.Find(c => c.RoundId == roundId).Select(c => $"concern:{c.Id}"));
            subjects.UnionWith(s.CaseActions.Find(a => a.RoundId == roundId).Select(a => $"case-action:{a.Id}"));
            subjects.UnionWith(cases.Select(id => $"moderation:{id}"));
            var emails = s.Mail.Find(m => m.RoundId == roundId).ToList();
            subjects.UnionWith(emails.Select(m => $"mail:{m.Id}"));
            outboxFiles = [.. emails.Select(m => m.OutboxFile).OfType<string>()];

            var deletedOn = DateOnly.FromDateTime(change.Now);
            foreach (var action in s.PlanActions.Find(a => a.RoundId == roundId).ToList())
            {
                action.RoundId = "";
                action.LearningPointIds = [];
                action.FromDeletedRound = $"{round.Title} (deleted {deletedOn:d MMMM yyyy})";
                action.Version++;
                s.PlanActions.Update(action);
            }

            s.Returns.DeleteMany(r => r.RoundId == roundId);
            s.Moderations.DeleteMany(m => m.RoundId == roundId);
            s.Concerns.DeleteMany(c => c.RoundId == roundId);
            s.LearningPoints.DeleteMany(l => l.RoundId == roundId);
            s.CaseActions.DeleteMany(a => a.RoundId == roundId);
            s.PublishedFindings.Delete(roundId);
            s.Cases.DeleteMany(c => c.RoundId == roundId);
            s.Mail.DeleteMany(m => m.RoundId == roundId);
            s.Rounds.Delete(roundId);

            change.Audit(by.Did(
                type: "round.deleted",
                summary: $"Round '{round.Title}' deleted with everything recorded in it: {reason!.Trim()}",
                subject: RoundPlanner.Subject(round),
                after: new
                {
                    round.Id,
                    round.Title,
                    status = round.Status.ToString(),
                    closedAt = RoundRetention.ClosedAt(round),
                    contents.Cases,
                    contents.Returns,
                    contents.Moderations,
                    contents.Concerns,
                    contents.LearningPoints,
                    contents.PublishedFindings,
                    contents.CaseActions,
                    contents.Emails,
                    planActionsKept = contents.PlanActionsKept,
                    reason = reason.Trim(),
                }));
            var deletedSeq = s.AuditEntries.Max(e => e.Seq);
            AuditRedaction.Redact(change, subjects, deletedSeq);
            return new RoundDeleted(true, []);
        });

        if (result.Deleted)
        {
            // LiteDB zeroes the bytes of deleted and shrunk records in its pages, but the older
            // versions of those pages stay in the log file until a checkpoint copies the new ones
            // over and empties it. (LiteDB takes its exclusive lock for this, so it waits for
            // writes and reads in flight.) It runs in the writer's pause, outside any transaction.
            await writer.PauseAsync(s => { s.Checkpoint(); return true; });
            DeleteOutboxFiles(outboxFiles);
        }

        return result;
    }

    // The round's emails written to the outbox name it (a case reference at most): they go
    // with it. Only the recorded file names, inside the outbox folder; a file already gone is fine.
    private void DeleteOutboxFiles(IReadOnlyList<string> files)
    {
        foreach (var name in files.Where(f => Path.GetFileName(f) == f))
        {
            try
            {
                File.Delete(Path.Combine(mail.OutboxFolder, name));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for an administrator: the README says where the outbox is.
            }
        }
    }
}
