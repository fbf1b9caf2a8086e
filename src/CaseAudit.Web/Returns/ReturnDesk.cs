using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Returns;

/// Saving, submitting and reopening agency returns. Every save names the version it started
/// from; if someone saved in between, nothing is overwritten and the caller gets theirs back.
public sealed class ReturnDesk(Writer writer)
{
    /// Saves a draft of one section: answers to its questions replace the stored ones, and every
    /// other section's answers, the overall grade and the child's voice stay as they are.
    public Task<Outcome<AgencyReturn>> SaveSectionAsync(AuditTemplate template, string returnId, int expectedVersion, TemplateSection section,
        IReadOnlyDictionary<string, Answer> typed, Actor by) =>
        SaveAsync(template, returnId, expectedVersion, $"section {section.Id}",
            ReturnSections.Outside(template, section, typed.Where(a => !a.Value.IsEmpty).Select(a => a.Key)),
            current => new Content(ReturnSections.Merge(section, current.Answers, typed), current.OverallGrade, current.ChildVoiceSummary),
            submit: false, by);

    /// Saves a draft of the overall grade and the child's voice, leaving every answer as it is.
    public Task<Outcome<AgencyReturn>> SaveOverallAsync(AuditTemplate template, string returnId, int expectedVersion, string? overallGrade,
        string? childVoiceSummary, Actor by) =>
        SaveAsync(template, returnId, expectedVersion, "the overall grade and child's voice", [],
            current => new Content(current.Answers, overallGrade, childVoiceSummary),
            submit: false, by);

    /// Submits the return as stored, refused while anything the submit rules require is missing:
    /// the check answers page offers no submit button then, but a crafted post must fail too.
    public Task<Outcome<AgencyReturn>> SubmitAsync(AuditTemplate template, string returnId, int expectedVersion, Actor by) =>
        SaveAsync(template, returnId, expectedVersion, null, [],
            current => new Content(current.Answers, current.OverallGrade, current.ChildVoiceSummary),
            submit: true, by);

    private sealed record Content(Dictionary<string, Answer> Answers, string? OverallGrade, string? ChildVoiceSummary);

    // part: what was saved, for the audit summary ("Saved draft of section spotting-drift of ..."); null for a submit.
    private Task<Outcome<AgencyReturn>> SaveAsync(AuditTemplate template, string returnId, int expectedVersion, string? part,
        IReadOnlyList<ReturnProblem> refused, Func<AgencyReturn, Content> apply, bool submit, Actor by) =>
        writer.WriteAsync(change =>
        {
            var store = change.Store;
            var current = store.Returns.FindById(returnId) ?? throw new RecordGone("return", returnId);
            var round = store.Rounds.FindById(current.RoundId)!;
            if (current.Status == ReturnStatus.Submitted || round.Status != RoundStatus.Grading)
            {
                return new Outcome<AgencyReturn>(SaveResult.NotEditable, current, []);
            }

            if (current.Version != expectedVersion)
            {
                return new Outcome<AgencyReturn>(SaveResult.Conflict, current, []);
            }

            if (refused.Count > 0)
            {
                return new Outcome<AgencyReturn>(SaveResult.Refused, current, refused);
            }

            var content = apply(current);
            var next = new AgencyReturn
            {
                Id = current.Id,
                RoundId = current.RoundId,
                CaseId = current.CaseId,
                AgencyId = current.AgencyId,
                Answers = content.Answers,
                OverallGrade = content.OverallGrade,
                ChildVoiceSummary = content.ChildVoiceSummary,
                Version = current.Version + 1,
                UpdatedAt = change.Now,
                UpdatedBy = by.Name,
            };

            var problems = submit ? ReturnRules.ForSubmit(template, next) : ReturnRules.ForDraft(template, next);
            if (problems.Count > 0)
            {
                return new Outcome<AgencyReturn>(SaveResult.Refused, current, problems);
            }

            // "Save and continue" through a section without changing it changes nothing: no new
            // version, and no empty entry in the audit trail.
            if (!submit && SameContent(current, next))
            {
                return new Outcome<AgencyReturn>(SaveResult.Saved, current, []);
            }

            next.Status = submit ? ReturnStatus.Submitted : ReturnStatus.InProgress;
            if (submit)
            {
                next.SubmittedAt = next.UpdatedAt;
                next.SubmittedBy = by.Name;
            }

            var (before, after) = submit ? Submission(current, next) : Changes(current, next);
            store.Returns.Update(next);
            change.Audit(by.Did(
                type: submit ? "return.submitted" : "return.saved",
                summary: $"{(submit ? "Submitted" : $"Saved draft of {part} of")} the {current.AgencyId} return for case {CaseReferenceOf(store, current)} (version {next.Version})",
                subject: $"return:{current.Id}",
                before: before,
                after: after));
            return new Outcome<AgencyReturn>(SaveResult.Saved, next, []);
        });

    public Task<string?> ReopenAsync(string returnId, string reason, Actor by)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Task.FromResult<string?>("Enter the reason for reopening the return");
        }

        return writer.WriteAsync<string?>(change =>
        {
            var store = change.Store;
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
            current.UpdatedAt = change.Now;
            current.UpdatedBy = by.Name;
            store.Returns.Update(current);
            change.Audit(by.Did(
                type: "return.reopened",
                // The reason is about the case, so it stays in After, which Admins are not shown.,
                summary: $"Reopened the {current.AgencyId} return for case {CaseReferenceOf(store, current)}",
                subject: $"return:{current.Id}",
                before: new { status = nameof(ReturnStatus.Submitted) },
                after: new { status = nameof(ReturnStatus.InProgress), reason = reason.Trim() }));
            return null;
        });
    }

    private static string CaseReferenceOf(CaseAuditStore store, AgencyReturn r) => store.Cases.FindById(r.CaseId)?.Reference ?? r.CaseId;

    private static string? Shown(Answer? a) => a is null ? null : a.NotApplicable ? GradingScale.NotApplicable : a.Grade;

    // What was submitted is the whole return, so the trail records the status change and every
    // grade, even though the answers are the ones already saved as a draft.
    private static (object Before, object After) Submission(AgencyReturn before, AgencyReturn after) =>
        (new { status = before.Status.ToString() },
         new { status = after.Status.ToString(), grades = after.Answers.Where(a => Shown(a.Value) is not null).ToDictionary(a => a.Key, a => Shown(a.Value)), overall = after.OverallGrade });

    // Before/after values of the grades that changed, and which free-text parts were edited
    // (named, not copied: evidence belongs in the return, not in the trail).
    private static (Dictionary<string, string?> Before, Dictionary<string, string?> After) Changes(AgencyReturn before, AgencyReturn after)
    {
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

        var edited = before.Answers.Keys.Union(after.Answers.Keys)
            .Where(id => !SameText(before.Answers.GetValueOrDefault(id), after.Answers.GetValueOrDefault(id)))
            .ToList();
        if (before.ChildVoiceSummary != after.ChildVoiceSummary)
        {
            edited.Add("child's voice");
        }

        if (edited.Count > 0)
        {
            changedAfter["textEdited"] = string.Join(", ", edited);
        }

        return (changedBefore, changedAfter);
    }

    private static bool SameContent(AgencyReturn a, AgencyReturn b) =>
        a.OverallGrade == b.OverallGrade && a.ChildVoiceSummary == b.ChildVoiceSummary && a.Answers.Count == b.Answers.Count
        && a.Answers.All(x => b.Answers.TryGetValue(x.Key, out var y) && Shown(x.Value) == Shown(y) && SameText(x.Value, y));

    private static bool SameText(Answer? a, Answer? b) =>
        a?.NotApplicableReason == b?.NotApplicableReason && a?.Evidence == b?.Evidence && a?.Strengths == b?.Strengths
        && a?.Better == b?.Better && a?.Text == b?.Text;
}
