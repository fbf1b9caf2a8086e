using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Web.Returns;

/// Immediate safeguarding concerns: raised by an auditor from a return, followed up by a
/// Coordinator. Each is written with its audit entry by the writer.
public sealed class ConcernDesk(Writer writer)
{
    public Task RaiseAsync(SafeguardingConcern concern, string caseReference, AuditEvent by) => writer.WriteAsync(change =>
    {
        concern.RaisedAt = change.Now;
        change.Store.Concerns.Insert(concern);
        change.Audit(by with
        {
            Type = "concern.raised",
            Summary = $"Immediate safeguarding concern raised on case {caseReference} by {concern.RaisedBy}",
            Subject = Subject(concern),
            After = new { concern.CaseId, concern.AgencyId, concern.WhatWasSeen, concern.ActionTaken },
        });
    });

    /// False when the concern already had a follow-up (another Coordinator recorded one a
    /// moment ago): theirs is kept, nothing is written.
    public Task<bool> FollowUpAsync(string concernId, string followUp, string caseReference, AuditEvent by) => writer.WriteAsync(change =>
    {
        var concern = change.Store.Concerns.FindById(concernId) ?? throw new InvalidOperationException($"No concern {concernId}");
        if (!concern.IsOpen)
        {
            return false;
        }

        concern.FollowUp = followUp.Trim();
        concern.FollowUpBy = by.ActorName;
        concern.FollowUpAt = change.Now;
        change.Store.Concerns.Update(concern);
        change.Audit(by with
        {
            Type = "concern.followed-up",
            Summary = $"Follow-up recorded for the concern on case {caseReference}",
            Subject = Subject(concern),
            After = new { concern.FollowUp },
        });
        return true;
    });

    private static string Subject(SafeguardingConcern concern) => $"concern:{concern.Id}";
}
