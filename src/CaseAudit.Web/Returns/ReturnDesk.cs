using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Returns;

public enum SaveResult
{
    Saved,
    Conflict,
    Refused,
    NotEditable,
}

public sealed record SaveOutcome(SaveResult Result, AgencyReturn Current, IReadOnlyList<ReturnProblem> Problems);

/// Saving, submitting and reopening agency returns. Every save names the version it started
/// from; if someone saved in between, nothing is overwritten and the caller gets theirs back.
public sealed class ReturnDesk(CaseAuditStore store, AuditTrail trail, TimeProvider clock)
{
    private static readonly Lock Writes = new();

    public SaveOutcome Save(AuditTemplate template, string returnId, int expectedVersion, AgencyReturn typed, bool submit, AuditEvent by)
    {
        lock (Writes)
        {
            var current = store.Returns.FindById(returnId) ?? throw new InvalidOperationException($"No return {returnId}");
            var round = store.Rounds.FindById(current.RoundId)!;
            if (current.Status == ReturnStatus.Submitted || round.Status != RoundStatus.Grading)
            {
                return new(SaveResult.NotEditable, current, []);
            }

            if (current.Version != expectedVersion)
            {
                return new(SaveResult.Conflict, current, []);
            }

            var answers = typed.Answers.Where(a => !a.Value.IsEmpty).ToDictionary();
            var next = new AgencyReturn
            {
                Id = current.Id,
                RoundId = current.RoundId,
                CaseId = current.CaseId,
                AgencyId = current.AgencyId,
                Answers = answers,
                OverallGrade = typed.OverallGrade,
                ChildVoiceSummary = typed.ChildVoiceSummary,
                Version = current.Version + 1,
                UpdatedAt = clock.GetUtcNow().UtcDateTime,
                UpdatedBy = by.ActorName,
            };

            var problems = submit ? ReturnRules.ForSubmit(template, next) : ReturnRules.ForDraft(template, next);
            if (problems.Count > 0)
            {
                return new(SaveResult.Refused, current, problems);
            }

            next.Status = submit ? ReturnStatus.Submitted : ReturnStatus.InProgress;
            if (submit)
            {
                next.SubmittedAt = next.UpdatedAt;
                next.SubmittedBy = by.ActorName;
            }

            var (before, after) = GradeChanges(current, next);
            trail.Append(by with
            {
                Type = submit ? "return.submitted" : "return.saved",
                Summary = $"{(submit ? "Submitted" : "Saved draft of")} the {current.AgencyId} return for case {CaseReferenceOf(current)} (version {next.Version})",
                Subject = $"return:{current.Id}",
                Before = before,
                After = after,
            }, alongside: () => store.Returns.Update(next));
            return new(SaveResult.Saved, next, []);
        }
    }

    public string? Reopen(string returnId, string reason, AuditEvent by)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return "Enter the reason for reopening the return";
        }

        lock (Writes)
        {
            var current = store.Returns.FindById(returnId)!;
            if (current.Status != ReturnStatus.Submitted)
            {
                return "Only a submitted return can be reopened";
            }

            if (store.Rounds.FindById(current.RoundId)!.Status != RoundStatus.Grading)
            {
                return "Returns can only be reopened while the round is grading: reopen grading first";
            }

            current.Status = ReturnStatus.InProgress;
            current.Version++;
            current.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            current.UpdatedBy = by.ActorName;
            trail.Append(by with
            {
                Type = "return.reopened",
                // The reason is about the case, so it stays in After, which Admins are not shown.
                Summary = $"Reopened the {current.AgencyId} return for case {CaseReferenceOf(current)}",
                Subject = $"return:{current.Id}",
                Before = new { status = nameof(ReturnStatus.Submitted) },
                After = new { status = nameof(ReturnStatus.InProgress), reason = reason.Trim() },
            }, alongside: () => store.Returns.Update(current));
            return null;
        }
    }

    private string CaseReferenceOf(AgencyReturn r) => store.Cases.FindById(r.CaseId)?.Reference ?? r.CaseId;

    // Before/after values of the grades that changed, for the audit trail.
    private static (Dictionary<string, string?> Before, Dictionary<string, string?> After) GradeChanges(AgencyReturn before, AgencyReturn after)
    {
        static string? Shown(Answer? a) => a is null ? null : a.NotApplicable ? GradingScale.NotApplicable : a.Grade;
        var changedBefore = new Dictionary<string, string?>();
        var changedAfter = new Dictionary<string, string?>();
        foreach (var id in before.Answers.Keys.Union(after.Answers.Keys))
        {
            var old = Shown(before.Answers.GetValueOrDefault(id));
            var now = Shown(after.Answers.GetValueOrDefault(id));
            if (old != now)
            {
                changedBefore[id] = old;
                changedAfter[id] = now;
            }
        }

        if (before.OverallGrade != after.OverallGrade)
        {
            changedBefore["overall"] = before.OverallGrade;
            changedAfter["overall"] = after.OverallGrade;
        }

        return (changedBefore, changedAfter);
    }
}
