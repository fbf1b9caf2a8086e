using LiteDB;

namespace CaseAudit.Web.Data;

/// Which shape of data a file holds. Kept in a document of its own ("meta", id "schema") rather
/// than LiteDB's UserVersion, because UserVersion cannot be set inside a transaction: the
/// migration and the new version must commit together or not at all.
public static class Schema
{
    /// What this release writes. v1: every file made before versions were recorded.
    public const int Current = 2;

    internal const string Collection = "meta";
    private const string Id = "schema";

    /// A file with no record predates the record: v1.
    public static int VersionOf(LiteDatabase db) =>
        db.GetCollection(Collection).FindById(Id) is { } meta && meta["version"].IsInt32 ? meta["version"].AsInt32 : 1;

    internal static void Set(LiteDatabase db, int version) =>
        db.GetCollection(Collection).Upsert(new BsonDocument { ["_id"] = Id, ["version"] = version });
}

/// One step forward: what a file of schema From needs to become schema To. Runs inside the
/// migration's one transaction, on the writer's thread: it must not await.
public sealed record Migration(int From, int To, string What, Action<CaseAuditStore> Apply);

/// Brings an older data file up to Schema.Current at start-up: a copy of the closed file
/// first, then every step, the new version and a "data.migrated" audit entry in one commit.
public sealed class SchemaMigrations(IReadOnlyList<Migration> steps)
{
    public static SchemaMigrations Release { get; } = new([
        // Cases gained Version (planning conflicts) and rounds EarlierDraws on 2026-12-03
        // (389f718). The classes default them when a document lacks them; the migration writes
        // them into the documents, so a query on them sees every case and round.
        new(1, 2, "cases get Version 1 and rounds an empty EarlierDraws where they had none", store =>
        {
            store.BackfillMissing("cases", "Version", 1);
            store.BackfillMissing("rounds", "EarlierDraws", new BsonArray());
        }),
    ]);

    public IReadOnlyList<Migration> Steps { get; } = steps;

    /// Copies the data file (and LiteDB's log beside it) when it needs migrating; returns the
    /// copy's path, or null when nothing needs doing. The file must not be open: the app calls
    /// this before it opens the store, so the copy is consistent.
    public static string? BackUpIfOlder(string dataFile, DateTime utcNow)
    {
        if (DataFileCheck.Inspect(dataFile) is not { } version || version >= Schema.Current)
        {
            return null;
        }

        var backup = $"{dataFile}.before-v{Schema.Current}-{utcNow:yyyyMMdd'T'HHmmss'Z'}.bak";
        File.Copy(dataFile, backup, overwrite: false);
        var log = DataFileCheck.LogFileOf(dataFile);
        if (File.Exists(log))
        {
            // Named as LiteDB looks for it, so the copy opens as it was.
            File.Copy(log, DataFileCheck.LogFileOf(backup), overwrite: false);
        }

        return backup;
    }

    /// Runs the steps from the store's version to Current through the writer, in one
    /// transaction; throws DataFileRefusedException (with nothing changed) when a step fails.
    public void Run(CaseAuditStore store, Writer writer, string? backup)
    {
        var from = store.SchemaVersion;
        if (from >= Schema.Current)
        {
            return;
        }

        try
        {
            writer.Write(change =>
            {
                for (var version = from; version < Schema.Current; version++)
                {
                    var step = Steps.SingleOrDefault(s => s.From == version)
                        ?? throw new InvalidOperationException($"this release has no migration from schema v{version}");
                    step.Apply(change.Store);
                }

                change.Store.SetSchemaVersion(Schema.Current);
                change.Audit(new AuditEvent(
                    "data.migrated",
                    $"Data file upgraded from schema v{from} to v{Schema.Current}; copy taken before: {Path.GetFileName(backup) ?? "none"}",
                    null,
                    AuditEvent.SystemActor,
                    Before: new { schemaVersion = from },
                    After: new { schemaVersion = Schema.Current, backup = Path.GetFileName(backup) }));
            });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new DataFileRefusedException(
                $"CaseAudit will not start: upgrading {store.DataFile} from schema v{from} to v{Schema.Current} failed ({e.Message}). Nothing in the file was changed."
                + (backup is null ? "" : $" A copy taken before the upgrade is at {backup}.")
                + " Run the previous CaseAudit release on it, or restore a backup, and report the problem.",
                DataFileRefusedException.UpgradeFailed);
        }
    }
}
