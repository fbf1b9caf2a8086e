namespace CaseAudit.Web.Data;

/// Held by the one process that writes a data file, for as long as it has it open. LiteDB's
/// direct mode takes no lock of its own that another process would see, and two writers on one
/// file silently lose writes; the command line checks this lock to know whether the app is
/// running before it writes anything.
public sealed class DataFileLock : IDisposable
{
    private readonly FileStream _stream;

    private DataFileLock(FileStream stream) => _stream = stream;

    public static string PathFor(string dataFile) => dataFile + ".app-lock";

    /// Null when another process (or another store in this one) holds the file.
    public static DataFileLock? TryTake(string dataFile)
    {
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Linux and a share lock on
            // Windows: either way a second taker fails while the first holds it.
            return new DataFileLock(new FileStream(PathFor(dataFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// As TryTake, waiting up to wait for a holder that is letting go: a process just stopped (a
    /// service restarted, an app host being disposed) can hold the lock for a moment longer.
    public static DataFileLock? TryTake(string dataFile, TimeSpan wait)
    {
        var until = DateTime.UtcNow + wait;
        while (true)
        {
            if (TryTake(dataFile) is { } taken)
            {
                return taken;
            }

            if (DateTime.UtcNow >= until)
            {
                return null;
            }

            Thread.Sleep(50);
        }
    }

    public static bool IsHeld(string dataFile)
    {
        using var taken = TryTake(dataFile);
        return taken is null;
    }

    public void Dispose() => _stream.Dispose();
}
