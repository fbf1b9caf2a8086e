using CaseAudit.Web.Domain;
using Humanizer;

namespace CaseAudit.Web.Data;

// `audit verify`: checks the whole hash chain in the data file. Exit code 0 when intact, 1 at
// the first broken link, 2 when the file is missing or cannot be read (nothing was verified).
// With --expect <backup record> (the .json kept beside a backup), also 1 when the entry the
// backup ended at is missing or differs: the newest entries were cut off.
public static class AuditVerifyCommand
{
    public static int Run(string dataFile, TextWriter output, string? expect = null)
    {
        Operations.BackupManifest? expected = null;
        if (expect is not null && (expected = Operations.BackupManifest.Load(expect, out var problem)) is null)
        {
            output.WriteLine(problem);
            return 2;
        }

        if (!File.Exists(dataFile))
        {
            output.WriteLine($"No data file at {dataFile}, so there is no audit trail to verify. Check CaseAudit:DataFile (or the CaseAudit__DataFile environment variable).");
            return 2;
        }

        CaseAuditStore store;
        try
        {
            // Read-only: the app may be running and holding the file; a second writer would lose writes.
            store = new CaseAuditStore(dataFile, readOnly: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LiteDB.LiteException)
        {
            output.WriteLine($"Could not open {dataFile} to verify the audit trail: {ex.Message}");
            return 2;
        }

        using (store)
        {
            AuditEntry? last = null;
            AuditVerification result;
            try
            {
                result = AuditTrail.Verify(AuditTrail.All(store).Select(e => last = e));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // An entry that no longer reads as an audit entry has been altered outside the app.
                output.WriteLine($"Audit trail BROKEN after entry {last?.Seq ?? 0}: the next entry cannot be read ({ex.Message}).");
                return 1;
            }

            if (!result.Ok)
            {
                output.WriteLine($"Audit trail BROKEN at entry {result.FirstBrokenSeq}: {result.Reason}.");
                output.WriteLine($"{"entry".ToQuantity(result.EntriesChecked)} before it verified. Restore the data file from a backup and find out who could write to it.");
                return 1;
            }

            output.WriteLine($"Audit trail verified: {"entry".ToQuantity(result.EntriesChecked)}, chain intact.");
            if (result.RedactedUnchecked > 0)
            {
                // Honest about what could not be checked (docs/decisions/0008-redactable-audit-entries.md).
                output.WriteLine($"{"entry".ToQuantity(result.RedactedUnchecked)} written before audit format 2 had their text removed when a round was deleted: their place in the chain is checked, their own fields cannot be.");
            }
            if (last is not null)
            {
                // The chain cannot show that its newest entries were cut off; a copy of this line
                // kept somewhere else can.
                output.WriteLine($"Latest entry {last.Seq} at {last.At:yyyy-MM-dd HH:mm:ss} UTC, hash {last.Hash}");
            }

            if (expected is { LatestSeq: > 0 })
            {
                var recorded = store.AuditEntries.FindById(expected.LatestSeq);
                if (recorded is null)
                {
                    output.WriteLine($"Audit trail CUT OFF: the backup {expected.FileName} ({expected.MadeAt:yyyy-MM-dd HH:mm:ss} UTC) ended at entry {expected.LatestSeq}, but this trail ends at entry {last?.Seq ?? 0}.");
                    return 1;
                }

                if (recorded.Hash != expected.LatestHash)
                {
                    output.WriteLine($"Audit trail DIFFERS from the backup {expected.FileName}: entry {expected.LatestSeq} has hash {recorded.Hash}, the backup recorded {expected.LatestHash}.");
                    return 1;
                }

                output.WriteLine($"Holds every entry of the backup {expected.FileName} (to entry {expected.LatestSeq}, hash matches).");
            }

            return 0;
        }
    }
}
