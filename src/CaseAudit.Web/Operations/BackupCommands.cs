using CaseAudit.Web.Data;

namespace CaseAudit.Web.Operations;

/// `backup [--out <file>]` and `restore <backup> [--data-file <file>]` on the command line.
/// Exit codes: 0 done; 1 refused or failed (nothing replaced); 2 a bad argument or missing file.
public static class BackupCommands
{
    public const string BackupUsage = "Usage: backup [--out <file>]   (default: the backups folder, caseaudit-<utc>.db)";
    public const string RestoreUsage = "Usage: restore <backup> [--data-file <file>]   (default: the configured data file)";

    public static async Task<int> BackupAsync(IReadOnlyList<string> args, string dataFile, BackupSettings settings, string callerDirectory, TextWriter output, TextWriter errors)
    {
        string? outFile = null;
        if (args is ["--out", var o])
        {
            outFile = o;
        }
        else if (args.Count > 0)
        {
            errors.WriteLine(BackupUsage);
            return 2;
        }

        if (!File.Exists(dataFile))
        {
            errors.WriteLine($"No data file at {dataFile}. Check CaseAudit:DataFile (or the CaseAudit__DataFile environment variable).");
            return 2;
        }

        var clock = TimeProvider.System;
        var target = outFile is null ? Path.Combine(settings.Folder, Backup.FileNameFor(clock.GetUtcNow().UtcDateTime)) : Path.GetFullPath(outFile, callerDirectory);
        var actor = new Actor(null, $"command line ({Environment.UserName})");
        if (!DataFileLock.IsHeld(dataFile))
        {
            try
            {
                using var store = new CaseAuditStore(dataFile);
                using var writer = new Writer(store, clock);
                var manifest = await Backup.MakeAsync(writer, target, clock);
                writer.Write(change => change.Audit(Backup.Recorded(actor, target, manifest)));
                output.WriteLine($"Backup written to {target}: audit trail to entry {manifest.LatestSeq}, checked. Its record is {BackupManifest.PathFor(target)}.");
                return 0;
            }
            catch (BackupFailedException e)
            {
                errors.WriteLine(e.Message);
                return 1;
            }
            catch (IOException) when (DataFileLock.IsHeld(dataFile))
            {
                // CaseAudit started in the meantime: ask it instead.
            }
        }

        output.WriteLine("CaseAudit is running: asking it to make the backup (saves pause for a moment)...");
        var id = BackupRequests.Post(dataFile, target, actor.Name);
        var result = await BackupRequests.WaitForAsync(dataFile, id, TimeSpan.FromSeconds(60));
        if (result is null)
        {
            errors.WriteLine("CaseAudit did not answer within 60 seconds, so no backup was made. Check that it is running and its log, or try Admin → Backup.");
            return 1;
        }

        (result.Ok ? output : errors).WriteLine(result.Message);
        return result.Ok ? 0 : 1;
    }

    public static int Restore(IReadOnlyList<string> args, string configuredDataFile, string callerDirectory, TextWriter output, TextWriter errors)
    {
        string? backupArg = null, dataFileArg = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--data-file" && i + 1 < args.Count)
            {
                dataFileArg = args[++i];
            }
            else if (backupArg is null && !args[i].StartsWith('-'))
            {
                backupArg = args[i];
            }
            else
            {
                errors.WriteLine(RestoreUsage);
                return 2;
            }
        }

        if (backupArg is null)
        {
            errors.WriteLine(RestoreUsage);
            return 2;
        }

        var backup = Path.GetFullPath(backupArg, callerDirectory);
        var dataFile = dataFileArg is null ? configuredDataFile : Path.GetFullPath(dataFileArg, callerDirectory);
        if (!File.Exists(backup))
        {
            errors.WriteLine($"No backup at {backup}.");
            return 2;
        }

        if (Backup.InspectWithRecord(backup, out var state) is { } problem)
        {
            errors.WriteLine($"Not restored: {backup} is not a whole backup: {problem}. {dataFile} is untouched.");
            return 1;
        }

        var folder = Path.GetDirectoryName(dataFile)!;
        Directory.CreateDirectory(folder);

        // Held for the whole swap, so CaseAudit cannot start on a file half replaced.
        using (var held = DataFileLock.TryTake(dataFile))
        {
            if (held is null)
            {
                errors.WriteLine($"Not restored: CaseAudit is running and holds {dataFile}. Stop it first, then restore; {dataFile} is untouched.");
                return 1;
            }

            var temp = Path.Combine(folder, $".{Path.GetFileName(dataFile)}.restoring-{Guid.NewGuid():N}");
            try
            {
                File.Copy(backup, temp);
                if (Backup.Inspect(temp, out var copied) is not null || copied!.DifferenceFrom(state!) is not null)
                {
                    errors.WriteLine($"Not restored: the copy beside {dataFile} did not check out. {dataFile} is untouched.");
                    return 1;
                }

                var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss");
                var replaced = $"{dataFile}.replaced-{stamp}";
                if (File.Exists(dataFile))
                {
                    File.Move(dataFile, replaced);
                    output.WriteLine($"The data file it replaces is kept as {replaced}.");
                }

                // LiteDB's log of the replaced file would be replayed into the restored one; it
                // goes where LiteDB looks for the replaced file's log, so that file still opens whole.
                var log = LogFileFor(dataFile);
                if (File.Exists(log))
                {
                    File.Move(log, LogFileFor(replaced));
                }

                File.Move(temp, dataFile);
            }
            finally
            {
                File.Delete(temp);
            }
        }

        try
        {
            using var store = new CaseAuditStore(dataFile);
            using var writer = new Writer(store, TimeProvider.System);
            writer.Write(change => change.Audit(new Actor(null, $"command line ({Environment.UserName})").Did("backup.restored",
                $"Data file restored from backup {Path.GetFileName(backup)} (audit trail to entry {state!.LatestSeq})", after: new { File = Path.GetFileName(backup), state.LatestSeq, state.LatestHash })));
        }
        catch (IOException)
        {
            // CaseAudit started the moment the lock was let go; the restore itself is done.
            AuditInbox.Post(dataFile, new Actor(null, $"command line ({Environment.UserName})").Did("backup.restored",
                $"Data file restored from backup {Path.GetFileName(backup)} (audit trail to entry {state!.LatestSeq})"));
        }

        output.WriteLine($"Restored {dataFile} from {backup}: audit trail to entry {state!.LatestSeq}, verified. Check it any time with: audit verify --expect {BackupManifest.PathFor(backup)}");
        return 0;
    }

    /// LiteDB 5 keeps committed changes not yet checkpointed in "<name>-log<ext>" beside the file.
    public static string LogFileFor(string dataFile) =>
        Path.Combine(Path.GetDirectoryName(dataFile)!, Path.GetFileNameWithoutExtension(dataFile) + "-log" + Path.GetExtension(dataFile));
}
