using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Web.Data;

public enum SaveResult
{
    Saved,
    Conflict,
    Refused,
    NotEditable,
}

/// What a save of a versioned record came to. Current is the record as stored now: the new
/// version when saved, theirs on a conflict (to show beside what the person typed), and the
/// unchanged one when refused (with the problems) or no longer editable.
public sealed record Outcome<T>(SaveResult Result, T Current, IReadOnlyList<ReturnProblem> Problems);
