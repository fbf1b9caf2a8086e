using CaseAudit.Web;
using CaseAudit.Web.Data;
using CaseAudit.Web.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseAudit.Tests.Operations;

public sealed class NightlyBackupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N"));

    public NightlyBackupTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task UntilAsync(Func<bool> done)
    {
        for (var i = 0; i < 600 && !done(); i++)
        {
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Five_nights_leave_the_newest_three_backups_each_with_its_record_and_an_audit_entry()
    {
        using var store = new CaseAuditStore(Path.Combine(_folder, "caseaudit.db"));
        using var writer = new Writer(store, TimeProvider.System);
        var clock = new JumpingClock(new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero), nights: 5);
        var settings = new BackupSettings(Path.Combine(_folder, "backups"), Nightly: true, Keep: 3, At: new TimeOnly(2, 0));
        var status = new BackupStatus(settings);
        using var service = new NightlyBackupService(writer, settings, status, clock, NullLogger<NightlyBackupService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await UntilAsync(() => store.AuditEntries.Count(e => e.Type == "backup.made") == 5);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(5, store.AuditEntries.Count(e => e.Type == "backup.made"));
        var kept = Directory.GetFiles(settings.Folder, "*.db").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["caseaudit-20261204-020000.db", "caseaudit-20261205-020000.db", "caseaudit-20261206-020000.db"], kept);
        Assert.All(kept, name => Assert.Null(Backup.InspectWithRecord(Path.Combine(settings.Folder, name!), out _)));
        Assert.Equal(3, Directory.GetFiles(settings.Folder, "*.db.json").Length);
        Assert.Equal(new DateTime(2026, 12, 6, 2, 0, 0, DateTimeKind.Utc), status.LastMade!.Value.At);
        Assert.Null(status.LastFailure);
    }

    [Fact]
    public async Task A_night_that_cannot_write_its_backup_is_shown_as_failed_and_the_next_night_still_runs()
    {
        using var store = new CaseAuditStore(Path.Combine(_folder, "caseaudit.db"));
        using var writer = new Writer(store, TimeProvider.System);
        var notAFolder = Path.Combine(_folder, "backups");
        File.WriteAllText(notAFolder, "a file where the folder should be");
        var clock = new JumpingClock(new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero), nights: 2);
        var settings = new BackupSettings(notAFolder, Nightly: true, Keep: 3, At: new TimeOnly(2, 0));
        var status = new BackupStatus(settings);
        using var service = new NightlyBackupService(writer, settings, status, clock, NullLogger<NightlyBackupService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await UntilAsync(() => clock.Waiting);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(new DateTime(2026, 12, 3, 2, 0, 0, DateTimeKind.Utc), status.LastFailure!.Value.At);
        Assert.Contains("Could not write the backup", status.LastFailure.Value.Problem);
        Assert.Null(status.LastMade);
        Assert.True(await writer.IsHealthyAsync());
    }

    [Theory]
    [InlineData("2026-12-04T01:59:00Z", "2026-12-04T02:00:00Z")]
    [InlineData("2026-12-04T02:00:00Z", "2026-12-05T02:00:00Z")]
    [InlineData("2026-12-04T23:00:00Z", "2026-12-05T02:00:00Z")]
    public void The_next_run_is_the_next_time_of_day_after_now(string now, string next)
    {
        var settings = new BackupSettings("backups", Nightly: true, Keep: 14, At: new TimeOnly(2, 0));

        Assert.Equal(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture),
            settings.NextRunAfter(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Nightly_backups_are_on_by_default_in_production_only_and_go_beside_the_data_file()
    {
        var config = new ConfigurationBuilder().Build();
        var paths = new AppPaths("/srv/caseaudit", "/srv/caseaudit/data/caseaudit.db", "/t", "/e");

        var production = BackupSettings.From(config, paths, production: true);
        var development = BackupSettings.From(config, paths, production: false);

        Assert.True(production.Nightly);
        Assert.False(development.Nightly);
        Assert.Equal(new BackupSettings("/srv/caseaudit/data/backups", true, 14, new TimeOnly(2, 0)), production);
    }
}

/// A clock where every wait ends at once, time jumping to its end: a night passes in an
/// instant. After the given number of waits the next one never ends (the test is done).
public sealed class JumpingClock(DateTimeOffset start, int nights) : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;
    private int _left = nights;

    /// True once a wait has been asked for that will not end.
    public bool Waiting { get; private set; }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            if (_left-- <= 0)
            {
                Waiting = true;
                return new Never();
            }

            _now += dueTime;
        }

        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new Never();
    }

    private sealed class Never : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
