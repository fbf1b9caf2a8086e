using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CaseAudit.Web.Domain;

// What the chain needs to know about an audit entry. Kept free of storage types so the rules
// can be checked (and re-implemented by an outside verifier) from this file alone.
public interface IAuditRecord
{
    long Seq { get; }

    DateTime At { get; }

    string? ActorId { get; }

    string ActorName { get; }

    string? ActorAgencyId { get; }

    string Type { get; }

    string? Subject { get; }

    string Summary { get; }

    string? Before { get; }

    string? After { get; }

    string? IpAddress { get; }

    string PreviousHash { get; }

    string Hash { get; }

    // Format 2 (docs/decisions/0008-redactable-audit-entries.md): the hash covers salted
    // digests of Summary, Before and After rather than their text, so that text can be removed
    // later and the entry still verifies. Entries written before it are format 1.
    int Format => 1;

    // Random per entry; removed with the text, so a digest of a short text (a case reference)
    // cannot be matched by trying guesses.
    string? Salt => null;

    // Set only once the entry is redacted: the digests its hash was computed over, and the
    // entry (a round.deleted) that removed its text.
    string? SummaryDigest => null;

    string? BeforeDigest => null;

    string? AfterDigest => null;

    long? RedactedBy => null;
}

// EntriesChecked counts the entries found intact before the first break (all of them when Ok).
public sealed record AuditVerification(bool Ok, long EntriesChecked, long? FirstBrokenSeq, string? Reason)
{
    // Format 1 entries whose text was removed: their place in the chain is checked (the next
    // entry carries their hash), their own fields cannot be, because their hash covered the text.
    public long RedactedUnchecked { get; init; }

    public static AuditVerification Intact(long entries) => new(true, entries, null, null);

    public static AuditVerification Broken(long entriesChecked, long seq, string reason) => new(false, entriesChecked, seq, reason);
}

// A hash chain: every entry's hash covers its own content and the previous entry's hash, so
// changing, inserting or removing any entry breaks every link after it unless all later
// hashes are recomputed too. (Removing the newest entries leaves a shorter chain that still
// verifies; only a copy of the latest hash kept somewhere else can show that.)
public static class AuditChain
{
    public static readonly string GenesisHash = new('0', 64);

    // The format tag is hashed first so a future change to the serialisation can be told apart.
    private const string FormatV1 = "caseaudit.audit.v1";

    private const string FormatV2 = "caseaudit.audit.v2";

    public const int CurrentFormat = 2;

    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    // What a format 2 hash covers instead of a text: SHA-256 of the salt and the text, each
    // length-prefixed; "~" for no text, so null and "" stay apart as they do in format 1.
    public static string Digest(string? salt, string? text)
    {
        if (text is null)
        {
            return "~";
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendField(hash, salt);
        AppendField(hash, text);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AppendField(IncrementalHash hash, string? value)
    {
        if (value is null)
        {
            hash.AppendData("~"u8);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        hash.AppendData(Encoding.ASCII.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture) + ":"));
        hash.AppendData(bytes);
    }

    // Times are hashed to the millisecond because that is what the data file keeps.
    public static DateTime Normalise(DateTime at)
    {
        var utc = at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : DateTime.SpecifyKind(at, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    // SHA-256 (lower-case hex) over every field except Hash, in a fixed order. Each field is
    // written as "<UTF-8 byte length>:<bytes>" and null as "~", so no choice of text in one
    // field can imitate another split of the fields (for example "ab"+"c" against "a"+"bc",
    // or null against an empty string).
    // Format 2 is the same with Summary, Before and After each replaced by its Digest (the
    // stored one once redacted).
    public static string ComputeHash(IAuditRecord entry)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Field(string? value) => AppendField(hash, value);

        var v2 = entry.Format >= 2;
        Field(v2 ? FormatV2 : FormatV1);
        Field(entry.Seq.ToString(CultureInfo.InvariantCulture));
        Field(Normalise(entry.At).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        Field(entry.ActorId);
        Field(entry.ActorName);
        Field(entry.ActorAgencyId);
        Field(entry.Type);
        Field(entry.Subject);
        if (v2)
        {
            Field(entry.SummaryDigest ?? Digest(entry.Salt, entry.Summary));
            Field(entry.BeforeDigest ?? Digest(entry.Salt, entry.Before));
            Field(entry.AfterDigest ?? Digest(entry.Salt, entry.After));
        }
        else
        {
            Field(entry.Summary);
            Field(entry.Before);
            Field(entry.After);
        }

        Field(entry.IpAddress);
        Field(entry.PreviousHash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // Reads the entries once, in sequence order, and stops at the first broken link: after
    // that every later entry is suspect anyway.
    public static AuditVerification Verify(IEnumerable<IAuditRecord> entriesInSeqOrder)
    {
        long expectedSeq = 1;
        var previousHash = GenesisHash;
        long intact = 0;
        long olderRedacted = 0;
        foreach (var entry in entriesInSeqOrder)
        {
            if (entry.Seq > expectedSeq)
            {
                var missing = entry.Seq - expectedSeq == 1 ? $"entry {expectedSeq} is missing" : $"entries {expectedSeq} to {entry.Seq - 1} are missing";
                var jump = expectedSeq == 1 ? $"sequence starts at {entry.Seq}" : $"sequence jumps from {expectedSeq - 1} to {entry.Seq}";
                return AuditVerification.Broken(intact, expectedSeq, $"{missing} ({jump})");
            }

            if (entry.Seq < expectedSeq)
            {
                return AuditVerification.Broken(intact, entry.Seq, $"entry {entry.Seq} appears again after entry {expectedSeq - 1}");
            }

            if (entry.RedactedBy is { } by && by <= entry.Seq)
            {
                return AuditVerification.Broken(intact, entry.Seq, $"entry {entry.Seq} says a later entry removed its text, but names entry {by}");
            }

            if (entry.Format < 2 && entry.RedactedBy is not null)
            {
                olderRedacted++;
            }
            else if (!string.Equals(ComputeHash(entry), entry.Hash, StringComparison.Ordinal))
            {
                return AuditVerification.Broken(intact, entry.Seq, $"entry {entry.Seq}'s hash does not match its content");
            }

            if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
            {
                return AuditVerification.Broken(intact, entry.Seq, entry.Seq == 1
                    ? "entry 1 does not start the chain (its previous hash should be 64 zeros)"
                    : $"entry {entry.Seq} does not carry the hash of entry {entry.Seq - 1}");
            }

            previousHash = entry.Hash;
            expectedSeq++;
            intact++;
        }

        return AuditVerification.Intact(intact) with { RedactedUnchecked = olderRedacted };
    }
}
