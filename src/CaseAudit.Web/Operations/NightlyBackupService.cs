using CaseAudit.Web.Data;

namespace CaseAudit.Web.Operations;

/// Writes a backup into the backups folder at the configured time each night and keeps the
/// newest few. Waits on the app's TimeProvider, so a test can run nights without waiting.
/// A failed night is logged and shown on Admin → Backup; it never stops the app.
public sealed class NightlyBackupService(Writer writer, BackupSettings settings, BackupStatus status, TimeProvider clock, ILogger<NightlyBackupService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Nightly)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            await Task.Delay(settings.NextRunAfter(now) - now, clock, stoppingToken);
            await RunOnceAsync();
        }
    }

    public async Task RunOnceAsync()
    {
        var madeAt = clock.GetUtcNow().UtcDateTime;
        var target = Path.Combine(settings.Folder, Backup.FileNameFor(madeAt));
        try
        {
            var manifest = await Backup.MakeAsync(writer, target, clock);
            await writer.WriteAsync(change => change.Audit(Backup.Recorded(Actor.System, target, manifest)));
            status.Made(manifest.MadeAt, target);
            Backup.Prune(settings.Folder, settings.Keep);
        }
        catch (Exception e) when (e is BackupFailedException or IOException or UnauthorizedAccessException or LiteDB.LiteException or ObjectDisposedException)
        {
            status.Failed(madeAt, e.Message);
            log.LogError(e, "The nightly backup to {Target} failed", target);
        }
    }
}
