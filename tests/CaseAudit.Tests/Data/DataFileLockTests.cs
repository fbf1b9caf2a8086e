using CaseAudit.Web.Data;

namespace CaseAudit.Tests.Data;

/// Opening a data file for writing waits a moment for a holder that is letting go (a stopped
/// process, an app host being disposed: CI once saw the next app refused in that moment), and
/// still refuses a holder that stays.
public sealed class DataFileLockTests
{
    private static string NewDataFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, "caseaudit.db");
    }

    [Fact]
    public async Task A_store_opens_once_the_holder_lets_go_within_the_wait()
    {
        var dataFile = NewDataFile();
        var held = DataFileLock.TryTake(dataFile)!;
        var letGo = Task.Run(async () =>
        {
            await Task.Delay(300);
            held.Dispose();
        });

        using var store = new CaseAuditStore(dataFile);

        await letGo;
        Assert.True(DataFileLock.IsHeld(dataFile));
    }

    [Fact]
    public void A_store_is_refused_while_the_holder_keeps_the_file()
    {
        var dataFile = NewDataFile();
        using var held = DataFileLock.TryTake(dataFile)!;

        var refused = Assert.Throws<IOException>(() => new CaseAuditStore(dataFile));

        Assert.Contains("already open for writing", refused.Message);
        Assert.Null(DataFileLock.TryTake(dataFile, TimeSpan.FromMilliseconds(200)));
    }
}
