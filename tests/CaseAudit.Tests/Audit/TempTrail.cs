using CaseAudit.Web.Data;
using LiteDB;

namespace CaseAudit.Tests.Audit;

// A data file of its own in a temp folder, with the store and trail over it. Tamper closes the
// store first and edits the file with a raw LiteDatabase, the way someone with file access could.
public sealed class TempTrail : IDisposable
{
    public TempTrail()
    {
        Directory.CreateDirectory(Folder);
        Store = new CaseAuditStore(DataFile);
        Writer = new Writer(Store, TimeProvider.System);
        Trail = new AuditTrail(Store, Writer);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N"));

    public string DataFile => Path.Combine(Folder, "caseaudit.db");

    public CaseAuditStore Store { get; }

    public Writer Writer { get; }

    public AuditTrail Trail { get; }

    public static AuditEvent Event(int n, string actor = "alice", string type = "user.updated") =>
        new(type, $"Change number {n}", $"user-{actor}", actor, "agency-1", $"user:{n}", new { role = "auditor" }, new { role = "lead" }, "10.0.0.1");

    public void AppendMany(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            Trail.Append(Event(i));
        }
    }

    public void CloseStore()
    {
        Writer.Dispose();
        Store.Dispose();
    }

    public void Tamper(Action<ILiteCollection<AuditEntry>> change)
    {
        CloseStore();
        using var db = new LiteDatabase(DataFile, new BsonMapper { TrimWhitespace = false, EmptyStringToNull = false });
        change(db.GetCollection<AuditEntry>("audit_trail"));
    }

    public List<AuditEntry> ReadAll()
    {
        using var store = new CaseAuditStore(DataFile, readOnly: true);
        return AuditTrail.All(store).ToList();
    }

    public void Dispose()
    {
        CloseStore();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner; not a test failure.
        }
    }
}
