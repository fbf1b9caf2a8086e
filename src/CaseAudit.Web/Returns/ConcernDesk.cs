using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Web.Returns;

/// Immediate safeguarding concerns: raised by an auditor from a return, followed up by a
/// Coordinator. Each is written with its audit entry by the writer.
public sealed class ConcernDesk(Writer writer, Email.Notices notices)
{
    public Task RaiseAsync(SafeguardingConcern concern, string caseReference, Actor by) => writer.WriteAsync(change =>
    {
        concern.RaisedAt = change.Now;
        change.Store.Concerns.Insert(concern);
        change.Audit(by.Did(
            type: "concern.raised",
            summary: $"Immediate safeguarding concern raised on case {caseReference} by {concern.RaisedBy}",
            subject: Subject(concern),
            after: new { concern.CaseId, concern.AgencyId, concern.WhatWasSeen, concern.ActionTaken }));
        notices.ConcernRaised(change, concern, caseReference);
    });

    /// False when the concern already had a follow-up (another Coordinator recorded one a
    /// moment ago): theirs is kept, nothing is written.
    public Task<bool> FollowUpAsync(string concernId, string followUp, string caseReference, Actor by) => writer.WriteAsync(change =>
    {
        var concern = change.Store.Concerns.FindById(concernId) ?? throw new RecordGone("concern", concernId);
        if (!concern.IsOpen)
        {
            return false;
        }

        concern.FollowUp = followUp.Trim();
        concern.FollowUpBy = by.Name;
        concern.FollowUpAt = change.Now;
        change.Store.Concerns.Update(concern);
        change.Audit(by.Did(
            type: "concern.followed-up",
            summary: $"Follow-up recorded for the concern on case {caseReference}",
            subject: Subject(concern),
            after: new { concern.FollowUp }));
        return true;
    });

    private static string Subject(SafeguardingConcern concern) => $"concern:{concern.Id}";
}
