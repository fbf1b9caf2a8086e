namespace CaseAudit.Web.Data;

// Admins run people and agencies and cannot open rounds, yet they read the whole trail. So the
// trail they are shown keeps who, when, what kind of change and to which record, and leaves out
// what people wrote about a child. The stored entry is untouched: its hash still chains, and
// `audit verify` checks the content against it.
public static class AuditForAdmins
{
    public const string Hidden = "[case content: not shown to Admins]";

    // Entries whose Before/After hold free text written about a case: concerns and their
    // follow-up, case actions, learning points (drawn from the cases), the panel's rationale and
    // dissents, and the reason a return was reopened. Grades, round status reasons and the
    // action plan (partnership-level aims, activities and progress) are not case content.
    private static readonly HashSet<string> CaseContentTypes = new(StringComparer.Ordinal)
    {
        "concern.raised", "concern.followed-up", "case-action.created", "learning.added", "learning.removed",
        "moderation.saved", "return.reopened",
    };

    public static bool CarriesCaseContent(string type) => CaseContentTypes.Contains(type);

    public static AuditEntry Shown(AuditEntry e)
    {
        if (!CarriesCaseContent(e.Type))
        {
            return e;
        }

        return new AuditEntry
        {
            Seq = e.Seq,
            At = e.At,
            ActorId = e.ActorId,
            ActorName = e.ActorName,
            ActorAgencyId = e.ActorAgencyId,
            Type = e.Type,
            Subject = e.Subject,
            Summary = SummaryShown(e),
            Before = e.Before is null ? null : Hidden,
            After = e.After is null ? null : Hidden,
            IpAddress = e.IpAddress,
            PreviousHash = e.PreviousHash,
            Hash = e.Hash,
        };
    }

    // Reopen summaries used to end ": <reason>", and those entries can never be rewritten; a
    // case reference holds no colon, so everything after the first ": " is the reason.
    private static string SummaryShown(AuditEntry e) =>
        e.Type == "return.reopened" && e.Summary.IndexOf(": ", StringComparison.Ordinal) is var at and >= 0
            ? e.Summary[..at]
            : e.Summary;
}
