using System.Text.Json;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain;
using CaseAudit.Web.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Operations;

/// Backups made through the writer while people save, and restores from them.
public sealed class BackupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N"));

    public BackupTests() => Directory.CreateDirectory(_folder);

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

    private string PathIn(string name) => Path.Combine(_folder, name);

    private static Task SaveAgencyAsync(Writer writer, string id) => writer.WriteAsync(change =>
    {
        change.Store.Agencies.Insert(new Agency { Id = id, Name = id, ShortName = id });
        change.Audit(Actor.System.Did("agency.added", $"Agency {id} added", $"agency:{id}"));
    });

    private static string Json(object value) => JsonSerializer.Serialize(value);

    [Fact]
    public async Task A_backup_made_while_saves_run_opens_verifies_and_holds_every_save_acknowledged_before_it_started()
    {
        using var store = new CaseAuditStore(PathIn("caseaudit.db"));
        using var writer = new Writer(store, TimeProvider.System);
        for (var i = 0; i < 20; i++)
        {
            await SaveAgencyAsync(writer, $"before-{i}");
        }

        // Saves in flight on other threads while the backup is asked for, and more after it.
        var during = Enumerable.Range(0, 30).Select(i => Task.Run(() => SaveAgencyAsync(writer, $"during-{i}"))).ToList();
        var backup = Backup.MakeAsync(writer, PathIn("backups/copy.db"), TimeProvider.System);
        during.AddRange(Enumerable.Range(0, 30).Select(i => Task.Run(() => SaveAgencyAsync(writer, $"after-{i}"))));
        var manifest = await backup;
        await Task.WhenAll(during);

        Assert.Null(Backup.InspectWithRecord(PathIn("backups/copy.db"), out var state));
        using var copy = new CaseAuditStore(PathIn("backups/copy.db"), readOnly: true);
        var ids = copy.Agencies.FindAll().Select(a => a.Id).ToHashSet();
        Assert.All(Enumerable.Range(0, 20), i => Assert.Contains($"before-{i}", ids));
        // Each save and its audit entry are one commit: the copy holds both or neither.
        Assert.Equal(ids.Count, state!.LatestSeq);
        Assert.Equal(manifest.LatestSeq, state.LatestSeq);
        Assert.True(AuditTrail.Verify(AuditTrail.All(copy)).Ok);
        Assert.Equal(80, store.Agencies.Count());
    }

    [Fact]
    public async Task A_restore_brings_back_every_round_case_return_with_its_evidence_and_audit_entry_and_the_chain_verifies()
    {
        await using var app = DemoApps.New();
        var live = app.Services.GetRequiredService<CaseAuditStore>();
        var backupFile = PathIn("demo-backup.db");
        await Backup.MakeAsync(app.Services.GetRequiredService<Writer>(), backupFile, TimeProvider.System);
        var restored = PathIn("restored/caseaudit.db");

        var errors = new StringWriter();
        var exit = BackupCommands.Restore([backupFile, "--data-file", restored], "", _folder, TextWriter.Null, errors);

        Assert.True(exit == 0, errors.ToString());
        using var store = new CaseAuditStore(restored, readOnly: true);
        Assert.Contains(live.Returns.FindAll().SelectMany(r => r.Answers.Values), a => !string.IsNullOrEmpty(a.Evidence));
        Assert.Equal(Json(live.Rounds.FindAll().OrderBy(r => r.Id)), Json(store.Rounds.FindAll().OrderBy(r => r.Id)));
        Assert.Equal(Json(live.Cases.FindAll().OrderBy(c => c.Id)), Json(store.Cases.FindAll().OrderBy(c => c.Id)));
        Assert.Equal(Json(live.Returns.FindAll().OrderBy(r => r.Id)), Json(store.Returns.FindAll().OrderBy(r => r.Id)));
        var liveTrail = AuditTrail.All(live).ToList();
        var restoredTrail = AuditTrail.All(store).ToList();
        Assert.Equal(Json(liveTrail), Json(restoredTrail.Take(liveTrail.Count)));
        // The restore itself is the one entry more.
        Assert.Equal("backup.restored", Assert.Single(restoredTrail.Skip(liveTrail.Count)).Type);
        Assert.True(AuditTrail.Verify(restoredTrail).Ok);
    }

    [Fact]
    public async Task A_restore_keeps_the_file_it_replaces_beside_it()
    {
        var dataFile = PathIn("caseaudit.db");
        using (var store = new CaseAuditStore(dataFile))
        using (var writer = new Writer(store, TimeProvider.System))
        {
            await SaveAgencyAsync(writer, "kept");
            await Backup.MakeAsync(writer, PathIn("backup.db"), TimeProvider.System);
            await SaveAgencyAsync(writer, "after-the-backup");
        }

        var exit = BackupCommands.Restore(["backup.db"], dataFile, _folder, TextWriter.Null, TextWriter.Null);

        Assert.Equal(0, exit);
        using (var restored = new CaseAuditStore(dataFile, readOnly: true))
        {
            Assert.NotNull(restored.Agencies.FindById("kept"));
            Assert.Null(restored.Agencies.FindById("after-the-backup"));
        }

        var replaced = Assert.Single(Directory.GetFiles(_folder, "caseaudit.db.replaced-*"));
        using var old = new CaseAuditStore(replaced, readOnly: true);
        Assert.NotNull(old.Agencies.FindById("after-the-backup"));
    }

    [Fact]
    public async Task A_restore_beside_the_log_a_killed_app_left_ignores_that_log_and_keeps_it_with_the_replaced_file()
    {
        var killed = PathIn("killed/caseaudit.db");
        Directory.CreateDirectory(PathIn("killed"));
        using (var store = new CaseAuditStore(PathIn("live.db")))
        using (var writer = new Writer(store, TimeProvider.System))
        {
            await SaveAgencyAsync(writer, "in-the-backup");
            await Backup.MakeAsync(writer, PathIn("backup.db"), TimeProvider.System);
            await SaveAgencyAsync(writer, "only-in-the-log");
            // What a kill -9 leaves: the file and LiteDB's log of the commits not yet checkpointed.
            File.Copy(PathIn("live.db"), killed);
            File.Copy(BackupCommands.LogFileFor(PathIn("live.db")), BackupCommands.LogFileFor(killed));
        }

        var exit = BackupCommands.Restore([PathIn("backup.db")], killed, _folder, TextWriter.Null, TextWriter.Null);

        Assert.Equal(0, exit);
        using (var restored = new CaseAuditStore(killed, readOnly: true))
        {
            Assert.NotNull(restored.Agencies.FindById("in-the-backup"));
            Assert.Null(restored.Agencies.FindById("only-in-the-log"));
            Assert.True(AuditTrail.Verify(AuditTrail.All(restored)).Ok);
        }

        var replaced = Assert.Single(Directory.GetFiles(PathIn("killed"), "caseaudit.db.replaced-*"), f => !f.Contains("-log"));
        using var old = new CaseAuditStore(replaced, readOnly: true);
        Assert.NotNull(old.Agencies.FindById("only-in-the-log"));
    }

    [Fact]
    public async Task A_restore_is_refused_while_the_app_holds_the_data_file_and_the_file_is_untouched()
    {
        var dataFile = PathIn("caseaudit.db");
        using var store = new CaseAuditStore(dataFile);
        using var writer = new Writer(store, TimeProvider.System);
        await SaveAgencyAsync(writer, "live");
        await Backup.MakeAsync(writer, PathIn("backup.db"), TimeProvider.System);
        await SaveAgencyAsync(writer, "newer");
        var errors = new StringWriter();

        var exit = BackupCommands.Restore([PathIn("backup.db")], dataFile, _folder, TextWriter.Null, errors);

        Assert.Equal(1, exit);
        Assert.Contains("CaseAudit is running", errors.ToString());
        Assert.NotNull(store.Agencies.FindById("newer"));
        Assert.Empty(Directory.GetFiles(_folder, "*.replaced-*"));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("altered")]
    public async Task A_damaged_backup_is_refused_and_the_data_file_is_untouched(string damage)
    {
        var dataFile = PathIn("caseaudit.db");
        var backup = PathIn("backup.db");
        using (var store = new CaseAuditStore(dataFile))
        using (var writer = new Writer(store, TimeProvider.System))
        {
            for (var i = 0; i < 50; i++)
            {
                await SaveAgencyAsync(writer, $"agency-{i}");
            }

            await Backup.MakeAsync(writer, backup, TimeProvider.System);
        }

        var bytes = File.ReadAllBytes(backup);
        if (damage == "truncated")
        {
            File.WriteAllBytes(backup, bytes[..(bytes.Length / 2)]);
        }
        else
        {
            // One byte changed far from the header: only the record's checksum can tell.
            bytes[^100] ^= 0x5A;
            File.WriteAllBytes(backup, bytes);
        }

        var before = File.ReadAllBytes(dataFile);
        var errors = new StringWriter();

        var exit = BackupCommands.Restore([backup], dataFile, _folder, TextWriter.Null, errors);

        Assert.Equal(1, exit);
        Assert.Contains("Not restored", errors.ToString());
        Assert.Equal(before, File.ReadAllBytes(dataFile));
        Assert.Empty(Directory.GetFiles(_folder, "*.replaced-*"));
        Assert.Empty(Directory.GetFiles(_folder, ".*restoring*"));
    }

    [Fact]
    public async Task Verify_with_the_backup_record_finds_a_restored_file_whose_newest_entries_were_cut_off()
    {
        var dataFile = PathIn("caseaudit.db");
        var cut = PathIn("cut.db");
        using (var store = new CaseAuditStore(dataFile))
        using (var writer = new Writer(store, TimeProvider.System))
        {
            for (var i = 0; i < 5; i++)
            {
                await SaveAgencyAsync(writer, $"agency-{i}");
            }

            // A copy of the file as it was three entries ago: a chain that verifies on its own.
            await Backup.MakeAsync(writer, cut, TimeProvider.System);
            for (var i = 5; i < 8; i++)
            {
                await SaveAgencyAsync(writer, $"agency-{i}");
            }

            await Backup.MakeAsync(writer, PathIn("full.db"), TimeProvider.System);
        }

        var plain = new StringWriter();
        var expected = new StringWriter();
        var whole = new StringWriter();

        var plainExit = AuditVerifyCommand.Run(cut, plain);
        var expectedExit = AuditVerifyCommand.Run(cut, expected, PathIn("full.db.json"));
        var wholeExit = AuditVerifyCommand.Run(dataFile, whole, PathIn("full.db.json"));

        Assert.Equal(0, plainExit);
        Assert.Equal(1, expectedExit);
        Assert.Contains("CUT OFF", expected.ToString());
        Assert.Contains("ended at entry 8, but this trail ends at entry 5", expected.ToString());
        Assert.Equal(0, wholeExit);
        Assert.Contains("Holds every entry of the backup full.db", whole.ToString());
    }
}
