using CaseAudit.Tests.CommandLine;
using CaseAudit.Web.Data;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Data;

/// A data file from an older release is copied and then brought up to this release's schema in
/// one transaction, with an audit entry; one from a newer release is refused untouched; a
/// migration that fails changes nothing and stops the start.
public sealed class SchemaMigrationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caseaudit-tests", "schema-" + Guid.NewGuid().ToString("N"));

    /// The demo's file as a release before schema versions would have left it: no version
    /// record, and cases and rounds without the fields v2 backfills.
    private string OlderFile()
    {
        var file = DemoDataFile.CopyInto(_folder);
        using var db = new LiteDatabase(new ConnectionString { Filename = file, Connection = ConnectionType.Direct });
        db.GetCollection(Schema.Collection).DeleteAll();
        foreach (var (collection, field) in new[] { ("cases", "Version"), ("rounds", "EarlierDraws") })
        {
            var documents = db.GetCollection(collection);
            var all = documents.FindAll().ToList();
            Assert.NotEmpty(all);
            foreach (var document in all)
            {
                Assert.True(document.Remove(field));
                documents.Update(document);
            }
        }

        return file;
    }

    private static void SetVersion(string file, int version)
    {
        using var db = new LiteDatabase(new ConnectionString { Filename = file, Connection = ConnectionType.Direct });
        db.GetCollection(Schema.Collection).Upsert(new BsonDocument { ["_id"] = "schema", ["version"] = version });
    }

    [Fact]
    public void An_older_file_is_backed_up_then_migrated_with_an_audit_entry_and_the_chain_still_verifies()
    {
        var file = OlderFile();
        var before = DemoDataFile.Hash(file);
        using (var app = new CaseAuditApp(settings: new() { ["CaseAudit:DataFile"] = file }))
        {
            var store = app.Services.GetRequiredService<CaseAuditStore>();
            _ = app.CreateClient();

            Assert.Equal(Schema.Current, store.SchemaVersion);
        }

        using (var store = new CaseAuditStore(file, readOnly: true))
        {
            Assert.Equal(2, store.SchemaVersion);
            Assert.Equal(store.Cases.Count(), store.Cases.Query().Where("$.Version = 1").Count());
            Assert.Equal(store.Rounds.Count(), store.Rounds.Query().Where("IS_ARRAY($.EarlierDraws) = true").Count());

            var migrated = Assert.Single(store.AuditEntries.Find(e => e.Type == "data.migrated"));
            var backup = Assert.Single(Directory.GetFiles(_folder, "caseaudit.db.before-v2-*.bak"));
            Assert.Contains($"\"backup\":\"{Path.GetFileName(backup)}\"", migrated.After);
            Assert.Equal("{\"schemaVersion\":1}", migrated.Before);
            Assert.True(AuditTrail.Verify(AuditTrail.All(store)).Ok);

            // The copy is the file exactly as it was, and opens as the older schema.
            Assert.Equal(before, DemoDataFile.Hash(backup));
            using var old = new CaseAuditStore(backup, readOnly: true);
            Assert.Equal(1, old.SchemaVersion);
            Assert.Equal(store.Cases.Count(), old.Cases.Count());
        }
    }

    [Fact]
    public async Task The_real_app_migrates_and_audit_verify_passes()
    {
        var file = OlderFile();
        var environment = new Dictionary<string, string> { ["CaseAudit__DataFile"] = file };
        using (await ServedApp.StartAsync(file))
        {
        }

        var verify = await AppProcess.RunAsync(_folder, environment, "audit", "verify");

        Assert.True(verify.ExitCode == 0, verify.Output);
        using var store = new CaseAuditStore(file, readOnly: true);
        Assert.Equal(Schema.Current, store.SchemaVersion);
        Assert.Single(store.AuditEntries.Find(e => e.Type == "data.migrated"));
    }

    [Fact]
    public async Task A_file_from_a_newer_release_is_refused_and_left_as_it_was()
    {
        var file = DemoDataFile.CopyInto(_folder);
        SetVersion(file, 5);
        var before = DemoDataFile.Hash(file);

        var result = await AppProcess.RunAsync(_folder, new Dictionary<string, string>
        {
            ["CaseAudit__DataFile"] = file,
            ["CaseAudit__TemplatesFolder"] = CaseAuditApp.ShippedTemplates,
            ["CaseAudit__ExportsFolder"] = Path.Combine(_folder, "exports"),
        });

        Assert.True(result.ExitCode == DataFileRefusedException.WrittenByNewerRelease, $"exit {result.ExitCode}: {result.Output}");
        Assert.Contains($"{file} was written by a newer CaseAudit (schema v5); this release reads up to v{Schema.Current}: upgrade CaseAudit or restore a backup", result.Output);
        Assert.Equal(before, DemoDataFile.Hash(file));
        Assert.Empty(Directory.GetFiles(_folder, "*.bak"));
    }

    [Fact]
    public void A_new_file_starts_at_the_current_version_with_nothing_to_migrate()
    {
        var file = Path.Combine(_folder, "new.db");
        using (var store = new CaseAuditStore(file))
        {
            Assert.Equal(Schema.Current, store.SchemaVersion);
        }

        Assert.Null(SchemaMigrations.BackUpIfOlder(file, DateTime.UtcNow));
        Assert.Empty(Directory.GetFiles(_folder, "*.bak"));
    }

    [Fact]
    public void A_migration_that_fails_changes_nothing_and_refuses_the_start()
    {
        var file = OlderFile();
        var failing = new SchemaMigrations([new Migration(1, 2, "backfills, then meets a document it cannot read", store =>
        {
            store.BackfillMissing("cases", "Version", 1);
            throw new InvalidOperationException("case NS-0001 has no round");
        })]);
        var backup = SchemaMigrations.BackUpIfOlder(file, DateTime.UtcNow);
        Assert.NotNull(backup);

        using (var store = new CaseAuditStore(file))
        using (var writer = new Writer(store, TimeProvider.System))
        {
            var entries = store.AuditEntries.Count();
            var refused = Assert.Throws<DataFileRefusedException>(() => failing.Run(store, writer, backup));

            Assert.Equal(DataFileRefusedException.UpgradeFailed, refused.ExitCode);
            Assert.Contains($"upgrading {file} from schema v1 to v2 failed (case NS-0001 has no round). Nothing in the file was changed.", refused.Message);
            Assert.Contains(backup, refused.Message);
            Assert.Equal(1, store.SchemaVersion);
            Assert.Equal(0, store.Cases.Query().Where("$.Version = 1").Count());
            Assert.Equal(entries, store.AuditEntries.Count());
        }
    }

    [Fact]
    public void The_app_does_not_start_when_its_migration_fails()
    {
        var file = OlderFile();
        var ran = false;
        var failing = new SchemaMigrations([new Migration(1, 2, "fails", store =>
        {
            ran = true;
            store.BackfillMissing("cases", "Version", 1);
            throw new InvalidOperationException("no");
        })]);
        using var app = new CaseAuditApp(settings: new() { ["CaseAudit:DataFile"] = file }, services: s => s.AddSingleton(failing));

        Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.True(ran);
        Assert.Single(Directory.GetFiles(_folder, "caseaudit.db.before-v2-*.bak"));
        Assert.False(DataFileLock.IsHeld(file));

        using var store = new CaseAuditStore(file, readOnly: true);
        Assert.Equal(1, store.SchemaVersion);
        Assert.Equal(0, store.Cases.Query().Where("$.Version = 1").Count());
        Assert.Empty(store.AuditEntries.Find(e => e.Type == "data.migrated"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
