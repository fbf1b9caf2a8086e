using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Returns;

namespace CaseAudit.Web.Moderation;

/// Saving the panel's moderation of a case. Like returns: every save names the version it
/// started from, and a save over someone else's newer one is a conflict, never an overwrite.
public sealed class PanelDesk(CaseAuditStore store, Writer writer)
{
    /// The stored moderation, or an empty one (version 0) for a case not yet discussed.
    public CaseModeration Find(SampledCase sampled) => Find(store, sampled);

    private static CaseModeration Find(CaseAuditStore store, SampledCase sampled) =>
        store.Moderations.FindById(sampled.Id) ?? new CaseModeration { Id = sampled.Id, RoundId = sampled.RoundId, CaseId = sampled.Id };

    public IReadOnlyDictionary<string, ModerationStatus> StatusesOf(string roundId) =>
        store.Moderations.Find(m => m.RoundId == roundId).ToDictionary(m => m.CaseId, m => m.Status);

    public Task<Outcome<CaseModeration>> SaveAsync(AuditTemplate template, SampledCase sampled, int expectedVersion, CaseModeration typed, bool complete, Actor by) =>
        writer.WriteAsync(change =>
        {
            var current = Find(store, sampled);
            if (store.Rounds.FindById(sampled.RoundId)?.Status != RoundStatus.Panel)
            {
                return new Outcome<CaseModeration>(SaveResult.NotEditable, current, []);
            }

            if (current.Version != expectedVersion)
            {
                return new Outcome<CaseModeration>(SaveResult.Conflict, current, []);
            }

            var next = new CaseModeration
            {
                Id = sampled.Id,
                RoundId = sampled.RoundId,
                CaseId = sampled.Id,
                Agreed = typed.Agreed.Where(a => !a.Value.IsEmpty).ToDictionary(),
                OverallGrade = typed.OverallGrade,
                Rationale = typed.Rationale,
                Dissents = typed.Dissents,
                Status = complete ? ModerationStatus.Moderated : ModerationStatus.NotModerated,
                Version = current.Version + 1,
                UpdatedAt = change.Now,
                UpdatedBy = by.Name,
            };

            // Rules run on the rows as typed, so a problem names the row the person sees.
            var problems = complete ? ModerationRules.ForComplete(template, next, sampled.AgencyIds) : ModerationRules.ForSave(template, next);
            if (problems.Count > 0)
            {
                return new Outcome<CaseModeration>(SaveResult.Refused, current, problems);
            }

            next.Dissents = [.. typed.Dissents.Where(d => !d.IsBlank).Select(d => new Dissent { AgencyId = d.AgencyId, QuestionId = NullIfBlank(d.QuestionId), Reason = d.Reason })];
            store.Moderations.Upsert(next);
            change.Audit(by.Did(
                type: complete ? "moderation.completed" : "moderation.saved",
                summary: $"{(complete ? "Marked as moderated" : "Saved the panel's draft for")} case {sampled.Reference} (version {next.Version})",
                subject: $"moderation:{sampled.Id}",
                before: Snapshot(current),
                after: Snapshot(next)));
            return new Outcome<CaseModeration>(SaveResult.Saved, next, []);
        });

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    // The agreed grades (N/A spelled out) and what else the panel recorded, for the trail.
    private static object Snapshot(CaseModeration m) => new
    {
        status = m.Status.ToString(),
        agreed = m.Agreed.ToDictionary(a => a.Key, a => a.Value.NotApplicable ? GradingScale.NotApplicable : a.Value.Grade),
        overall = m.OverallGrade,
        rationale = m.Rationale,
        dissents = m.Dissents.Select(d => new { d.AgencyId, question = d.QuestionId ?? "overall", d.Reason }),
    };
}
