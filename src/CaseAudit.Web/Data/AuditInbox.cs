using System.Text.Json;

namespace CaseAudit.Web.Data;

/// Audit entries from the command line while the app holds the data file. A second process
/// must not write to a LiteDB file the app has open, so the command line leaves each entry as
/// a small file beside the data file and the app appends it to the trail (at start and every
/// few seconds), then deletes the file. When the app is not running the command line appends
/// directly instead.
public static class AuditInbox
{
    private const long MaxEntryBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private sealed record Posted(string Type, string Summary, string? ActorId, string ActorName, string? Subject, JsonElement? After);

    public static string FolderFor(string dataFile) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataFile))!, "audit-inbox");

    /// Appends now when this process can take the data file, else leaves the entry for the app.
    /// Says which, for the person at the command line.
    public static string Record(string dataFile, AuditEvent e, TimeProvider clock)
    {
        if (!DataFileLock.IsHeld(dataFile))
        {
            try
            {
                using var store = new CaseAuditStore(dataFile);
                using var writer = new Writer(store, clock);
                writer.Write(change => change.Audit(e));
                return "Recorded in the audit trail.";
            }
            catch (IOException)
            {
                // The app started in the meantime: leave the entry for it.
            }
        }

        Post(dataFile, e);
        return "CaseAudit is running: it adds this export to the audit trail within a few seconds.";
    }

    public static void Post(string dataFile, AuditEvent e)
    {
        var folder = FolderFor(dataFile);
        Directory.CreateDirectory(folder);
        var after = e.After is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(e.After, e.After.GetType(), Json);
        var name = $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}";
        var temp = Path.Combine(folder, name + ".tmp");
        File.WriteAllText(temp, JsonSerializer.Serialize(new Posted(e.Type, e.Summary, e.ActorId, e.ActorName, e.Subject, after), Json));
        // Renamed into place so the app never reads a half-written entry.
        File.Move(temp, Path.Combine(folder, name + ".json"));
    }

    /// Appends every waiting entry, oldest first; returns how many.
    public static int Drain(string dataFile, AuditTrail trail)
    {
        var folder = FolderFor(dataFile);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var appended = 0;
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            Posted? posted;
            try
            {
                posted = new FileInfo(file).Length > MaxEntryBytes ? null : JsonSerializer.Deserialize<Posted>(File.ReadAllText(file), Json);
            }
            catch (JsonException)
            {
                posted = null;
            }

            if (posted is null || string.IsNullOrWhiteSpace(posted.Type) || string.IsNullOrWhiteSpace(posted.Summary) || string.IsNullOrWhiteSpace(posted.ActorName))
            {
                // Kept for whoever runs the server to look at, but never retried.
                File.Move(file, file + ".unreadable", overwrite: true);
                continue;
            }

            trail.Append(new AuditEvent(posted.Type, posted.Summary, posted.ActorId, posted.ActorName, Subject: posted.Subject, After: posted.After));
            File.Delete(file);
            appended++;
        }

        return appended;
    }
}

/// Empties the audit inbox at start and every few seconds while the app runs.
public sealed class AuditInboxService(CaseAuditStore store, AuditTrail trail, ILogger<AuditInboxService> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                AuditInbox.Drain(store.DataFile, trail);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.LogWarning(e, "Could not read the audit inbox beside {DataFile}; trying again shortly", store.DataFile);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
