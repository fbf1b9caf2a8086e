using System.Security.Cryptography;
using System.Text.Json;
using CaseAudit.Web.Data;

namespace CaseAudit.Web.Operations;

/// What a data file holds, as far as a backup is checked: how many documents each collection
/// has, and where the audit chain ends.
public sealed record DataFileState(SortedDictionary<string, long> Counts, long LatestSeq, string LatestHash, DateTime? LatestAt)
{
    public static DataFileState Of(CaseAuditStore store)
    {
        var latest = store.AuditEntries.Query().OrderByDescending(e => e.Seq).FirstOrDefault();
        return new DataFileState(store.Counts(), latest?.Seq ?? 0, latest?.Hash ?? "", latest?.At);
    }

    public long Count(string collection) => Counts.GetValueOrDefault(collection);

    /// The first collection whose count differs, said for a person; null when all agree.
    public string? DifferenceFrom(DataFileState other)
    {
        foreach (var name in Counts.Keys.Union(other.Counts.Keys).Order(StringComparer.Ordinal))
        {
            if (Count(name) != other.Count(name))
            {
                return $"{name}: {Count(name)} here, {other.Count(name)} expected";
            }
        }

        return LatestSeq != other.LatestSeq || LatestHash != other.LatestHash
            ? $"the audit trail ends at entry {LatestSeq} here, {other.LatestSeq} expected"
            : null;
    }
}

/// Kept beside each backup as `<backup>.json`: when it was made, a checksum of the file, the
/// counts and where the audit chain ended. A copy of it kept elsewhere lets `audit verify
/// --expect` tell whether a restored file lost its newest entries.
public sealed record BackupManifest(DateTime MadeAt, string FileName, string Sha256, long LatestSeq, string LatestHash, DateTime? LatestAt,
    SortedDictionary<string, long> Counts)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static string PathFor(string backupFile) => backupFile + ".json";

    public DataFileState State => new(Counts, LatestSeq, LatestHash, LatestAt);

    public void Save(string path)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Json));
        File.Move(temp, path, overwrite: true);
    }

    /// The manifest at a path, or beside a backup; null (with why) when there is none or it does not read.
    public static BackupManifest? Load(string path, out string? problem)
    {
        var file = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? path : PathFor(path);
        problem = null;
        if (!File.Exists(file))
        {
            problem = $"No backup record at {file}.";
            return null;
        }

        try
        {
            var manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(file), Json);
            if (manifest is { Sha256.Length: > 0, Counts: not null })
            {
                return manifest;
            }
        }
        catch (JsonException)
        {
        }

        problem = $"{file} is not a CaseAudit backup record.";
        return null;
    }

    public static string Sha256Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

public sealed class BackupFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// Consistent copies of the data file while people work, and the checks that prove a copy whole.
public static class Backup
{
    public const string FilePrefix = "caseaudit-";

    /// A name for a backup made at a moment, so backups sort by age: caseaudit-20261204-020000.db.
    public static string FileNameFor(DateTime madeAtUtc) => $"{FilePrefix}{madeAtUtc:yyyyMMdd-HHmmss}.db";

    /// Copies the live data file through the app's writer: the writer pauses (no write in flight,
    /// none starts) while LiteDB moves its log into the file and the file is copied, so the copy
    /// is one moment of the data. The copy is then opened read-only, counted against that moment
    /// and its audit chain verified before it takes the target's name; its record goes beside it.
    public static async Task<BackupManifest> MakeAsync(Writer writer, string target, TimeProvider clock)
    {
        target = Path.GetFullPath(target);
        var partial = target + ".partial";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var live = await writer.PauseAsync(store =>
            {
                store.Checkpoint();
                var state = DataFileState.Of(store);
                File.Copy(store.DataFile, partial, overwrite: true);
                return state;
            });

            if (Inspect(partial, out var copied) is { } problem)
            {
                throw new BackupFailedException($"The copy did not check out: {problem}");
            }

            if (copied!.DifferenceFrom(live) is { } difference)
            {
                throw new BackupFailedException($"The copy does not match the data file at the moment it was taken ({difference}).");
            }

            var manifest = new BackupManifest(clock.GetUtcNow().UtcDateTime, Path.GetFileName(target), BackupManifest.Sha256Of(partial),
                live.LatestSeq, live.LatestHash, live.LatestAt, live.Counts);
            File.Move(partial, target, overwrite: true);
            manifest.Save(BackupManifest.PathFor(target));
            return manifest;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LiteDB.LiteException)
        {
            throw new BackupFailedException($"Could not write the backup to {target}: {e.Message}", e);
        }
        finally
        {
            if (File.Exists(partial))
            {
                File.Delete(partial);
            }
        }
    }

    /// Opens a data file (or a backup) read-only, reads its state and verifies its whole audit
    /// chain. Null when it is whole; otherwise what is wrong, for a person.
    public static string? Inspect(string file, out DataFileState? state)
    {
        state = null;
        if (!File.Exists(file))
        {
            return $"there is no file at {file}";
        }

        try
        {
            using var store = new CaseAuditStore(file, readOnly: true);
            var read = DataFileState.Of(store);
            var verification = AuditTrail.Verify(AuditTrail.All(store));
            if (!verification.Ok)
            {
                return $"its audit trail is broken at entry {verification.FirstBrokenSeq} ({verification.Reason})";
            }

            state = read;
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A truncated or damaged file fails in LiteDB in many ways; any of them means "not whole".
            return $"it cannot be read as a CaseAudit data file ({e.Message})";
        }
    }

    /// Checks a backup against its record (when it has one): the same bytes, counts and chain end.
    public static string? InspectWithRecord(string backup, out DataFileState? state)
    {
        if (Inspect(backup, out state) is { } problem)
        {
            return problem;
        }

        if (!File.Exists(BackupManifest.PathFor(backup)))
        {
            return null;
        }

        if (BackupManifest.Load(backup, out var unreadable) is not { } manifest)
        {
            return unreadable;
        }

        if (BackupManifest.Sha256Of(backup) != manifest.Sha256)
        {
            return $"it is not the file its record {BackupManifest.PathFor(backup)} describes (the checksum differs)";
        }

        return state!.DifferenceFrom(manifest.State) is { } difference ? $"it does not match its record ({difference})" : null;
    }

    /// The summary and fields of a backup's audit entry: counts and where, never content.
    public static AuditEvent Recorded(Actor actor, string target, BackupManifest manifest) =>
        actor.Did("backup.made", $"Backup made: {Path.GetFileName(target)}, audit trail to entry {manifest.LatestSeq}", after: new
        {
            File = Path.GetFileName(target),
            manifest.LatestSeq,
            manifest.LatestHash,
            manifest.Counts,
        });

    /// Deletes all but the newest `keep` backups (and their records) in a folder; returns how many went.
    public static int Prune(string folder, int keep)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var old = Directory.GetFiles(folder, FilePrefix + "*.db").Order(StringComparer.Ordinal).SkipLast(Math.Max(1, keep)).ToList();
        foreach (var file in old)
        {
            File.Delete(file);
            File.Delete(BackupManifest.PathFor(file));
        }

        return old.Count;
    }
}
