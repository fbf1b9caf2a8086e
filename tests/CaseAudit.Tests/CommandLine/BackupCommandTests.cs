using CaseAudit.Web.Data;
using CaseAudit.Web.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.CommandLine;

/// `backup`, `restore` and `audit verify --expect` as real processes, beside a running app and without one.
public sealed class BackupCommandTests
{
    private static Task<AppProcess.Result> RunAsync(string folder, string dataFile, params string[] args) =>
        AppProcess.RunAsync(folder, new Dictionary<string, string> { ["CaseAudit__DataFile"] = dataFile }, args);

    /// A copy of the demo's data file, closed, in a folder of the test's own.
    private static string StoppedDemoDataFile() =>
        CaseAudit.Tests.Data.DemoDataFile.CopyInto(Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N")));

    [Fact]
    public async Task A_backup_asked_for_while_the_app_holds_the_data_file_is_made_by_the_app_and_checks_out()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        Assert.True(DataFileLock.IsHeld(app.DataFile));

        var result = await RunAsync(app.TempFolder, app.DataFile, "backup", "--out", "copies/monday.db");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("CaseAudit is running: asking it", result.Output);
        var written = Path.Combine(app.TempFolder, "copies", "monday.db");
        Assert.Null(Backup.InspectWithRecord(written, out var state));
        Assert.Equal(store.Returns.Count(), state!.Count("returns"));
        var entry = Assert.Single(store.AuditEntries.Find(e => e.Type == "backup.made"));
        Assert.StartsWith("command line (", entry.ActorName);
        Assert.Equal(entry.Seq - 1, state.LatestSeq);
        Assert.True(DataFileLock.IsHeld(app.DataFile));
    }

    [Fact]
    public async Task A_backup_with_the_app_stopped_takes_the_file_itself_and_records_the_backup()
    {
        var dataFile = StoppedDemoDataFile();
        var folder = Path.GetDirectoryName(dataFile)!;

        var result = await RunAsync(folder, dataFile, "backup");

        Assert.True(result.ExitCode == 0, result.Output);
        var written = Assert.Single(Directory.GetFiles(Path.Combine(folder, "backups"), "caseaudit-*.db"));
        Assert.Null(Backup.InspectWithRecord(written, out var state));
        using var store = new CaseAuditStore(dataFile, readOnly: true);
        Assert.Equal(store.Rounds.Count(), state!.Count("rounds"));
        Assert.Single(store.AuditEntries.Find(e => e.Type == "backup.made"));
        Assert.True(AuditTrail.Verify(AuditTrail.All(store)).Ok);
    }

    [Fact]
    public async Task Restore_is_refused_while_the_app_runs_and_works_once_it_has_stopped_and_verify_with_the_record_agrees()
    {
        var dataFile = StoppedDemoDataFile();
        var folder = Path.GetDirectoryName(dataFile)!;
        Assert.Equal(0, (await RunAsync(folder, dataFile, "backup", "--out", "safe.db")).ExitCode);

        AppProcess.Result refused;
        byte[] whileRunning;
        await using (var app = new CaseAuditApp(environment: "Development", settings: new() { ["CaseAudit:DataFile"] = dataFile }))
        {
            _ = app.Services.GetRequiredService<CaseAuditStore>();
            whileRunning = File.ReadAllBytes(dataFile);
            refused = await RunAsync(folder, dataFile, "restore", "safe.db");
            Assert.Equal(whileRunning, File.ReadAllBytes(dataFile));
        }

        for (var i = 0; i < 100 && DataFileLock.IsHeld(dataFile); i++)
        {
            await Task.Delay(100);
        }

        var restored = await RunAsync(folder, dataFile, "restore", "safe.db");
        var verified = await RunAsync(folder, dataFile, "audit", "verify", "--expect", "safe.db.json");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("CaseAudit is running and holds", refused.Output);
        Assert.True(restored.ExitCode == 0, restored.Output);
        Assert.Single(Directory.GetFiles(folder, "caseaudit.db.replaced-*"));
        Assert.True(verified.ExitCode == 0, verified.Output);
        Assert.Contains("Holds every entry of the backup safe.db", verified.Output);
    }
}
