using System.Text.Json;
using CaseAudit.Web.Data;

namespace CaseAudit.Web.Operations;

/// `backup` on the command line while the app holds the data file: a second process must not
/// checkpoint a LiteDB file the app has open, and a plain copy could catch a write half done,
/// so the command line leaves a request beside the data file and the running app makes the
/// backup through its own writer (within a few seconds), then leaves the result beside it.
public static class BackupRequests
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private sealed record Request(string Target, string ActorName);

    public sealed record Result(bool Ok, string Message);

    public static string FolderFor(string dataFile) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataFile))!, "backup-requests");

    public static string Post(string dataFile, string target, string actorName)
    {
        var folder = FolderFor(dataFile);
        Directory.CreateDirectory(folder);
        var id = $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}";
        var temp = Path.Combine(folder, id + ".tmp");
        File.WriteAllText(temp, JsonSerializer.Serialize(new Request(target, actorName), Json));
        File.Move(temp, Path.Combine(folder, id + ".request.json"));
        return id;
    }

    public static async Task<Result?> WaitForAsync(string dataFile, string id, TimeSpan timeout)
    {
        var result = Path.Combine(FolderFor(dataFile), id + ".result.json");
        for (var waited = TimeSpan.Zero; waited < timeout; waited += TimeSpan.FromMilliseconds(200))
        {
            if (File.Exists(result))
            {
                var read = JsonSerializer.Deserialize<Result>(File.ReadAllText(result), Json);
                File.Delete(result);
                return read;
            }

            await Task.Delay(200);
        }

        // Not served: withdrawn, so a late app does not make a backup nobody waits for.
        File.Delete(Path.Combine(FolderFor(dataFile), id + ".request.json"));
        return null;
    }

    /// Makes every waiting backup, oldest first.
    public static async Task ServeAsync(string dataFile, Writer writer, BackupStatus status, TimeProvider clock)
    {
        var folder = FolderFor(dataFile);
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.GetFiles(folder, "*.request.json").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileName(file)[..^".request.json".Length];
            Result result;
            try
            {
                var request = JsonSerializer.Deserialize<Request>(File.ReadAllText(file), Json);
                File.Delete(file);
                if (request is not { Target.Length: > 0, ActorName.Length: > 0 })
                {
                    throw new JsonException("incomplete");
                }

                var manifest = await Backup.MakeAsync(writer, request.Target, clock);
                await writer.WriteAsync(change => change.Audit(Backup.Recorded(new Actor(null, request.ActorName), request.Target, manifest)));
                status.Made(manifest.MadeAt, request.Target);
                result = new Result(true, $"Backup written to {request.Target}: audit trail to entry {manifest.LatestSeq}, checked.");
            }
            catch (JsonException)
            {
                File.Delete(file);
                result = new Result(false, "The request could not be read.");
            }
            catch (BackupFailedException e)
            {
                result = new Result(false, e.Message);
            }

            var temp = Path.Combine(folder, id + ".result.tmp");
            File.WriteAllText(temp, JsonSerializer.Serialize(result, Json));
            File.Move(temp, Path.Combine(folder, id + ".result.json"), overwrite: true);
        }
    }
}

/// Serves the command line's backup requests every couple of seconds while the app runs.
public sealed class BackupRequestService(CaseAuditStore store, Writer writer, BackupStatus status, TimeProvider clock, ILogger<BackupRequestService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        do
        {
            try
            {
                await BackupRequests.ServeAsync(store.DataFile, writer, status, clock);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                log.LogWarning(e, "Could not serve a backup request beside {DataFile}; trying again shortly", store.DataFile);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
