using CaseAudit.Tests.CommandLine;
using CaseAudit.Web.Data;

namespace CaseAudit.Tests.Data;

/// A data file that has been cut short, scribbled on or overwritten: the app (and a command)
/// refuses it with a message that names the file and says to restore a backup, exits with
/// DataFileRefusedException.Damaged, and leaves every byte of the file as it was.
public sealed class DamagedDataFileTests : IDisposable
{
    private const int Page = 8192;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caseaudit-tests", "damaged-" + Guid.NewGuid().ToString("N"));

    private Dictionary<string, string> Environment(string dataFile) => new()
    {
        ["CaseAudit__DataFile"] = dataFile,
        ["CaseAudit__TemplatesFolder"] = CaseAuditApp.ShippedTemplates,
        ["CaseAudit__ExportsFolder"] = Path.Combine(_folder, "exports"),
    };

    public static TheoryData<string> Damage => ["truncated to half", "pages in the middle scribbled on", "header overwritten"];

    private static void Apply(string damage, string file)
    {
        var random = new Random(14);
        var length = new FileInfo(file).Length;
        Assert.True(length >= 8 * Page, $"the demo file is only {length} bytes");
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        switch (damage)
        {
            case "truncated to half":
                stream.SetLength(length / 2);
                break;
            case "pages in the middle scribbled on":
                var middle = length / Page / 2;
                var scribble = new byte[3 * Page];
                random.NextBytes(scribble);
                stream.Position = (middle - 1) * Page;
                stream.Write(scribble);
                break;
            case "header overwritten":
                var header = new byte[Page];
                random.NextBytes(header);
                stream.Write(header);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Damage))]
    public async Task The_app_refuses_to_start_on_a_damaged_file_says_to_restore_a_backup_and_leaves_it_unchanged(string damage)
    {
        var file = DemoDataFile.CopyInto(_folder);
        Apply(damage, file);
        var before = DemoDataFile.Hash(file);

        var result = await AppProcess.RunAsync(_folder, Environment(file));

        Assert.True(result.ExitCode == DataFileRefusedException.Damaged, $"exit {result.ExitCode}: {result.Output}");
        Assert.Contains($"The data file {file} is damaged", result.Output);
        Assert.Contains("Restore a backup", result.Output);
        Assert.Contains("-- restore <backup file>", result.Output);
        Assert.DoesNotContain("   at ", result.Output); // a message, not a stack trace
        Assert.Equal(before, DemoDataFile.Hash(file));
        Assert.False(File.Exists(DataFileCheck.LogFileOf(file)));
    }

    [Fact]
    public async Task A_command_refuses_a_damaged_file_the_same_way()
    {
        var file = DemoDataFile.CopyInto(_folder);
        Apply("truncated to half", file);
        var before = DemoDataFile.Hash(file);

        var result = await AppProcess.RunAsync(_folder, Environment(file), "audit", "verify");

        Assert.True(result.ExitCode == DataFileRefusedException.Damaged, $"exit {result.ExitCode}: {result.Output}");
        Assert.Contains($"The data file {file} is damaged", result.Output);
        Assert.Equal(before, DemoDataFile.Hash(file));
    }

    // LiteDB 5 would make a new empty database of a zero-length file, trim a file that is not
    // whole pages, and carry on with a file whose header it marked invalid itself.
    [Theory]
    [InlineData("empty", "it is empty (0 bytes)")]
    [InlineData("not LiteDB", "its first page is not a LiteDB 5 header")]
    [InlineData("cut at a page boundary", "it has been cut short")]
    [InlineData("cut mid-page", "is not a whole number of")]
    [InlineData("marked invalid by LiteDB", "LiteDB itself marked it as damaged")]
    public void The_store_refuses_a_file_that_LiteDB_would_quietly_change(string damage, string reason)
    {
        var file = DemoDataFile.CopyInto(_folder);
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, damage switch
        {
            "empty" => [],
            "not LiteDB" => System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Reference,Age band\nNS-1,0-2\n", 4000)))[..(8 * Page)],
            "cut at a page boundary" => bytes[..(bytes.Length / Page / 2 * Page)],
            "cut mid-page" => bytes[..(bytes.Length - 100)],
            "marked invalid by LiteDB" => [.. bytes[..191], 1, .. bytes[192..]],
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        });
        var before = DemoDataFile.Hash(file);

        var writable = Assert.Throws<DataFileRefusedException>(() => new CaseAuditStore(file));
        var readOnly = Assert.Throws<DataFileRefusedException>(() => new CaseAuditStore(file, readOnly: true));

        Assert.Contains(reason, writable.Message);
        Assert.Equal(DataFileRefusedException.Damaged, writable.ExitCode);
        Assert.Equal(writable.Message, readOnly.Message);
        Assert.Equal(before, DemoDataFile.Hash(file));
        // The refusal let go of the file: nothing else is stopped from taking it.
        Assert.False(DataFileLock.IsHeld(file));
    }

    [Fact]
    public void A_whole_file_passes_the_check_and_the_check_reads_every_document()
    {
        var file = DemoDataFile.CopyInto(_folder);
        var before = DemoDataFile.Hash(file);

        Assert.Equal(Schema.Current, DataFileCheck.Inspect(file));

        Assert.Equal(before, DemoDataFile.Hash(file));
        using var store = new CaseAuditStore(file);
        Assert.NotEmpty(store.Cases.FindAll());
    }

    [Fact]
    public void A_file_left_by_a_crash_with_its_log_still_to_copy_is_not_called_damaged()
    {
        var file = DemoDataFile.CopyInto(_folder);
        var crashed = Path.Combine(_folder, "crashed", "caseaudit.db");
        Directory.CreateDirectory(Path.GetDirectoryName(crashed)!);
        using (var store = new CaseAuditStore(file))
        using (var writer = new Writer(store, TimeProvider.System))
        {
            writer.Write(change => change.Audit(new AuditEvent("test.saved", "Saved just before the crash", null, AuditEvent.SystemActor)));
            // What kill -9 leaves: the commit is in the log, not yet copied into the data file.
            File.Copy(file, crashed);
            File.Copy(DataFileCheck.LogFileOf(file), DataFileCheck.LogFileOf(crashed));
        }

        Assert.True(new FileInfo(DataFileCheck.LogFileOf(crashed)).Length > 0);
        var (data, log) = (DemoDataFile.Hash(crashed), DemoDataFile.Hash(DataFileCheck.LogFileOf(crashed)));

        Assert.Equal(Schema.Current, DataFileCheck.Inspect(crashed));

        Assert.Equal((data, log), (DemoDataFile.Hash(crashed), DemoDataFile.Hash(DataFileCheck.LogFileOf(crashed))));
        using var reopened = new CaseAuditStore(crashed);
        Assert.Single(reopened.AuditEntries.Find(e => e.Type == "test.saved"));
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
