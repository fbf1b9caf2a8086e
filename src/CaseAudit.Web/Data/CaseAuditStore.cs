using LiteDB;

namespace CaseAudit.Web.Data;

/// The one LiteDB database for the data file. LiteDB in direct mode silently loses writes
/// when two instances open the same file, so the app holds exactly one (a singleton) and
/// anything else that reads the file while the app runs must open it read-only.
public sealed class CaseAuditStore : IDisposable
{
    private readonly LiteDatabase _db;
    private bool _disposed;

    public CaseAuditStore(string dataFile, bool readOnly = false)
    {
        DataFile = dataFile;
        ReadOnly = readOnly;
        if (!readOnly)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(dataFile)!);
        }

        // LiteDB's default mapper trims strings and stores "" as null. Audit entries are hashed
        // over their exact text, so an honest entry would fail verification after a round trip;
        // every collection keeps text exactly as given instead.
        var mapper = new BsonMapper { TrimWhitespace = false, EmptyStringToNull = false };
        _db = new LiteDatabase(new ConnectionString
        {
            Filename = dataFile,
            Connection = ConnectionType.Direct,
            ReadOnly = readOnly,
        }, mapper);

        TemplateVersions = _db.GetCollection<StoredTemplateVersion>("template_versions");
        if (!readOnly)
        {
            TemplateVersions.EnsureIndex(v => v.TemplateId);
        }

        AuditEntries = _db.GetCollection<AuditEntry>("audit_trail");
        if (!readOnly)
        {
            AuditEntries.EnsureIndex(e => e.At);
            AuditEntries.EnsureIndex(e => e.Type);
            AuditEntries.EnsureIndex(e => e.ActorName);
        }
    }

    public string DataFile { get; }

    public bool ReadOnly { get; }

    public ILiteCollection<StoredTemplateVersion> TemplateVersions { get; }

    // Append-only: write to it through AuditTrail, never directly.
    public ILiteCollection<AuditEntry> AuditEntries { get; }

    // Runs work in one LiteDB transaction. LiteDB transactions belong to a thread and do not
    // nest, so the work must not await (a continuation on another thread would fall outside the
    // transaction) and must not open another; a second BeginTrans on this thread is refused
    // rather than silently folded into the first.
    public void InTransaction(Action work)
    {
        if (!_db.BeginTrans())
        {
            throw new InvalidOperationException("This thread already has a LiteDB transaction open; CaseAudit does not nest transactions.");
        }

        try
        {
            work();
            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            throw;
        }
    }

    /// Open and writable: a real (tiny) write, because a file that has gone read-only or a
    /// full disk only shows itself when LiteDB tries to write.
    public bool IsHealthy()
    {
        if (_disposed || ReadOnly)
        {
            return false;
        }

        try
        {
            _db.GetCollection("health").Upsert(new BsonDocument { ["_id"] = 1, ["checkedAt"] = DateTime.UtcNow });
            return File.Exists(DataFile);
        }
        catch (Exception ex) when (ex is LiteException or IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _db.Dispose();
        }
    }
}

/// Every version of every template ever seen, kept for good so a round can always show the
/// exact questions it was graded against. The id is "templateId@version".
public sealed class StoredTemplateVersion
{
    public string Id { get; set; } = "";

    public string TemplateId { get; set; } = "";

    public string Version { get; set; } = "";

    public string Title { get; set; } = "";

    public string Theme { get; set; } = "";

    public int QuestionCount { get; set; }

    public string ScaleName { get; set; } = "";

    public string Fingerprint { get; set; } = "";

    public string Yaml { get; set; } = "";

    public string FileName { get; set; } = "";

    /// "shipped" (from audit-templates/) or "uploaded".
    public string Origin { get; set; } = "";

    public string RecordedBy { get; set; } = "";

    public DateTime RecordedAt { get; set; }

    public static string KeyOf(string templateId, string version) => $"{templateId}@{version}";
}
