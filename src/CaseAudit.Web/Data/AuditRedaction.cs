using CaseAudit.Web.Domain;

namespace CaseAudit.Web.Data;

/// Removes the text of audit entries about records that are being deleted (a round's cases,
/// returns, concerns...), inside the deleting command. Who did what, when, to which record and
/// the chain stay; Summary, Before and After go. A format 2 entry keeps the digests its hash
/// was computed over, so it still verifies; a format 1 entry cannot (its hash covered the text
/// itself): `audit verify` then checks only its place in the chain and counts it.
/// See docs/decisions/0008-redactable-audit-entries.md.
public static class AuditRedaction
{
    public static string Placeholder(long bySeq) => $"[text removed when the round was deleted, entry {bySeq}]";

    /// Redacts every entry before bySeq whose subject is one of these; how many it redacted.
    public static int Redact(Change change, IReadOnlySet<string> subjects, long bySeq)
    {
        var entries = change.Store.AuditEntries;
        var redacted = 0;
        foreach (var entry in entries.Find(e => e.Seq < bySeq).Where(e => e.Subject is not null && subjects.Contains(e.Subject) && e.RedactedBy is null).ToList())
        {
            if (entry.Format >= 2)
            {
                entry.SummaryDigest = AuditChain.Digest(entry.Salt, entry.Summary);
                entry.BeforeDigest = AuditChain.Digest(entry.Salt, entry.Before);
                entry.AfterDigest = AuditChain.Digest(entry.Salt, entry.After);
                entry.Salt = null;
            }

            entry.Summary = Placeholder(bySeq);
            entry.Before = null;
            entry.After = null;
            entry.RedactedBy = bySeq;
            entries.Update(entry);
            redacted++;
        }

        return redacted;
    }
}
