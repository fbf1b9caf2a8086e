using System.Globalization;

namespace CaseAudit.Web.Operations;

/// CaseAudit:Backups:Folder (default: "backups" beside the data file), :Nightly (on in
/// Production, off elsewhere), :Keep (14) and :At (UTC time of day, "02:00").
public sealed record BackupSettings(string Folder, bool Nightly, int Keep, TimeOnly At)
{
    public static BackupSettings From(IConfiguration configuration, AppPaths paths, bool production)
    {
        var section = configuration.GetSection("CaseAudit:Backups");
        var folder = section["Folder"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, paths.Root)
            : Path.Combine(Path.GetDirectoryName(paths.DataFile)!, "backups");
        var nightly = bool.TryParse(section["Nightly"], out var on) ? on : production;
        var keep = int.TryParse(section["Keep"], CultureInfo.InvariantCulture, out var k) && k > 0 ? k : 14;
        var at = TimeOnly.TryParseExact(section["At"], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : new TimeOnly(2, 0);
        return new BackupSettings(folder, nightly, keep, at);
    }

    /// The next moment, after now, that the nightly backup is due.
    public DateTimeOffset NextRunAfter(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var today = new DateTimeOffset(DateOnly.FromDateTime(utc).ToDateTime(At, DateTimeKind.Utc));
        return today > now ? today : today.AddDays(1);
    }
}

/// The last backup this app made and the last that failed, for the Admin page and /health.
/// After a restart the newest backup record in the folder stands in for the last one made.
public sealed class BackupStatus(BackupSettings settings)
{
    private readonly Lock _lock = new();
    private (DateTime At, string File)? _lastMade;
    private (DateTime At, string Problem)? _lastFailure;

    public (DateTime At, string File)? LastMade
    {
        get
        {
            lock (_lock)
            {
                return _lastMade ??= NewestInFolder();
            }
        }
    }

    public (DateTime At, string Problem)? LastFailure
    {
        get
        {
            lock (_lock)
            {
                return _lastFailure;
            }
        }
    }

    public void Made(DateTime at, string file)
    {
        lock (_lock)
        {
            _lastMade = (at, file);
        }
    }

    public void Failed(DateTime at, string problem)
    {
        lock (_lock)
        {
            _lastFailure = (at, problem);
        }
    }

    private (DateTime, string)? NewestInFolder()
    {
        try
        {
            var newest = Directory.Exists(settings.Folder)
                ? Directory.GetFiles(settings.Folder, Backup.FilePrefix + "*.db").Order(StringComparer.Ordinal).LastOrDefault()
                : null;
            return newest is not null && BackupManifest.Load(newest, out _) is { } manifest ? (manifest.MadeAt, newest) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // /health and the Admin page must answer even when the folder cannot be read.
            return null;
        }
    }
}
