using System.Buffers.Binary;
using System.Text;
using LiteDB;

namespace CaseAudit.Web.Data;

/// CaseAudit will not use this data file; the message says why and what to do, for a person
/// at a console. Deliberately not an IOException: nothing should catch it and carry on.
public sealed class DataFileRefusedException(string message, int exitCode) : Exception(message)
{
    /// Exit codes of a refused start, distinct from 1 (an invalid template) and 2 (a command's
    /// usage or a missing file), so a service manager or script can tell them apart.
    public const int Damaged = 3;
    public const int WrittenByNewerRelease = 4;
    public const int UpgradeFailed = 5;

    public int ExitCode { get; } = exitCode;

    public static string RestoreHint(string dataFile) =>
        $"Restore a backup of it: stop CaseAudit, then run  dotnet run --project src/CaseAudit.Web -- restore <backup file>  (the README's \"Back up and restore\"). Keep {Path.GetFileName(dataFile)} as it is until then: it may help to find out what happened.";
}

/// A quick check of a data file before anything opens it for writing, because LiteDB 5 itself
/// quietly changes a file it finds damaged: it trims a file whose length is not a whole number
/// of pages (even when opened read-only), marks a file "invalid" in its header when a read
/// fails, turns a zero-length file into a new empty database, and with AutoRebuild (off here)
/// rebuilds it, dropping what it cannot read. CaseAudit refuses the file instead and leaves
/// every byte as it was, so what is restored is a person's choice.
public static class DataFileCheck
{
    // LiteDB 5's file format (v8): 8 KB pages; page n starts at n × 8 KB with its own number
    // and type; page 0 is the header. Pinned here because the check reads it without LiteDB.
    private const int PageSize = 8192;
    private const string HeaderInfo = "** This is a LiteDB file **";
    private const int HeaderInfoAt = 32;
    private const int FileVersionAt = 59;
    private const byte FileVersion = 8;
    private const int LastPageIdAt = 64;
    private const int InvalidStateAt = 191;
    private const byte LastPageType = 4;

    /// The schema version of the file; null when there is no file yet (it will be new). Throws
    /// DataFileRefusedException for a damaged file or one from a newer CaseAudit.
    public static int? Inspect(string dataFile)
    {
        if (!File.Exists(dataFile))
        {
            return null;
        }

        if (ProblemWithPages(dataFile) is { } pages)
        {
            throw Damaged(dataFile, pages);
        }

        int version;
        try
        {
            using var db = OpenReadOnly(dataFile);
            version = ReadEverything(db);
        }
        catch (Exception e) when (e is LiteException or IOException or InvalidCastException or IndexOutOfRangeException or ArgumentException or InvalidOperationException or OverflowException or FormatException)
        {
            throw Damaged(dataFile, $"LiteDB could not read it ({e.Message})");
        }

        if (version > Schema.Current)
        {
            throw new DataFileRefusedException(
                $"{dataFile} was written by a newer CaseAudit (schema v{version}); this release reads up to v{Schema.Current}: upgrade CaseAudit or restore a backup. The file has not been changed.",
                DataFileRefusedException.WrittenByNewerRelease);
        }

        return version;
    }

    /// The only settings CaseAudit opens a file with: never upgrade (a LiteDB 4 file is
    /// refused, not converted in place) and never rebuild on its own.
    internal static ConnectionString Connection(string dataFile, bool readOnly) => new()
    {
        Filename = dataFile,
        Connection = ConnectionType.Direct,
        ReadOnly = readOnly,
        Upgrade = false,
        AutoRebuild = false,
    };

    private static LiteDatabase OpenReadOnly(string dataFile) => new(Connection(dataFile, readOnly: true));

    // Every document of every collection, as BSON (no mapping to the app's classes, so a
    // document only has to be readable, not current). The files are a few MB, so reading them
    // whole is affordable: measured here (2 cores), the demo's 1.4 MB file in 45 ms with the
    // page walk, a 13.6 MB one in 160–350 ms.
    private static int ReadEverything(LiteDatabase db)
    {
        foreach (var name in db.GetCollectionNames())
        {
            foreach (var document in db.GetCollection(name).FindAll())
            {
                _ = document.Keys.Count;
            }
        }

        return Schema.VersionOf(db);
    }

    private static DataFileRefusedException Damaged(string dataFile, string why) => new(
        $"The data file {dataFile} is damaged: {why}. CaseAudit will not open it, and has not changed it. {DataFileRefusedException.RestoreHint(dataFile)}",
        DataFileRefusedException.Damaged);

    /// What is wrong with the file's pages, read as plain bytes; null when they look whole.
    private static string? ProblemWithPages(string dataFile)
    {
        using var file = new FileStream(dataFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, PageSize, FileOptions.SequentialScan);
        var length = file.Length;
        if (length == 0)
        {
            return "it is empty (0 bytes), so it is not a CaseAudit data file any more";
        }

        // A checkpoint that was cut off (the process killed while copying the log into the data
        // file) can leave pages unwritten; the log still holds them and LiteDB finishes the copy
        // on open. Only then are a short file or a blank page expected.
        var log = LogFileOf(dataFile);
        var checkpointPending = File.Exists(log) && new FileInfo(log).Length > 0;
        if (length % PageSize != 0 && !checkpointPending)
        {
            return $"its length ({length:N0} bytes) is not a whole number of {PageSize:N0}-byte pages: it has been cut short or added to";
        }

        var page = new byte[PageSize];
        if (file.ReadAtLeast(page, PageSize, throwOnEndOfStream: false) < PageSize
            || Encoding.ASCII.GetString(page, HeaderInfoAt, HeaderInfo.Length) != HeaderInfo
            || page[FileVersionAt] != FileVersion)
        {
            return "its first page is not a LiteDB 5 header (overwritten, or not a CaseAudit data file)";
        }

        if (page[InvalidStateAt] != 0)
        {
            return "LiteDB itself marked it as damaged after a failed read";
        }

        var pages = length / PageSize;
        var lastPageId = BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(LastPageIdAt));
        if (lastPageId >= pages && !checkpointPending)
        {
            return $"it holds {pages:N0} pages where its header counts {lastPageId + 1:N0}: it has been cut short";
        }

        for (long n = 1; n < pages; n++)
        {
            file.ReadExactly(page);
            var id = BinaryPrimitives.ReadUInt32LittleEndian(page);
            if ((id != n || page[4] > LastPageType) && !(checkpointPending && page.All(b => b == 0)))
            {
                return $"page {n:N0} (at byte {n * PageSize:N0}) has been overwritten";
            }
        }

        return null;
    }

    /// LiteDB keeps its write-ahead log beside the data file: caseaudit.db → caseaudit-log.db.
    public static string LogFileOf(string dataFile) =>
        Path.Combine(Path.GetDirectoryName(dataFile) ?? "", Path.GetFileNameWithoutExtension(dataFile) + "-log" + Path.GetExtension(dataFile));
}
