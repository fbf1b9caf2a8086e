using CaseAudit.Web.Domain;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using LiteDB;

namespace CaseAudit.Web.Data;

/// The one LiteDB database for the data file. LiteDB in direct mode silently loses writes
/// when two instances open the same file, so the app holds exactly one (a singleton) and
/// anything else that reads the file while the app runs must open it read-only.
public sealed class CaseAuditStore : IDisposable
{
    private readonly LiteDatabase _db;
    private readonly DataFileLock? _lock;
    private bool _disposed;

    public CaseAuditStore(string dataFile, bool readOnly = false)
    {
        DataFile = dataFile;
        ReadOnly = readOnly;
        var isNew = !File.Exists(dataFile);
        if (!readOnly)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(dataFile)!);
            _lock = DataFileLock.TryTake(dataFile, TimeSpan.FromSeconds(3)) ?? throw new IOException(
                $"{dataFile} is already open for writing (is CaseAudit running?). Only one process may write to a data file; stop it first, or use a command that reads it read-only.");
        }

        try
        {
            // A damaged file, or one from a newer release, is refused before LiteDB opens it to
            // write (LiteDB would change it). A reader beside the running app skips the check:
            // the app checked the file when it started, and a checkpoint in progress would look
            // like damage to a byte-level check.
            if (!readOnly || !AppHolds(dataFile))
            {
                DataFileCheck.Inspect(dataFile);
            }

            _db = new LiteDatabase(DataFileCheck.Connection(dataFile, readOnly), CreateMapper());
        }
        catch
        {
            _lock?.Dispose();
            throw;
        }

        if (isNew && !readOnly)
        {
            // A new file starts at this release's schema: there is nothing to migrate.
            Schema.Set(_db, Schema.Current);
        }

        // Dates come back as UTC, as they were saved; the app shows UK time where people read them.
        _db.UtcDate = true;

        TemplateVersions = _db.GetCollection<StoredTemplateVersion>("template_versions");
        Users = _db.GetCollection<CaseAuditUser>("users");
        Agencies = _db.GetCollection<Agency>("agencies");
        if (!readOnly)
        {
            TemplateVersions.EnsureIndex(v => v.TemplateId);
            // Unique: the database itself refuses a second account with the same sign-in name,
            // even if two admins create it at the same moment.
            Users.EnsureIndex(u => u.NormalizedUserName, unique: true);
            Users.EnsureIndex(u => u.NormalizedEmail);
        }

        Rounds = _db.GetCollection<Round>("rounds");
        Cases = _db.GetCollection<SampledCase>("cases");
        Returns = _db.GetCollection<AgencyReturn>("returns");
        Concerns = _db.GetCollection<SafeguardingConcern>("concerns");
        PublishedFindings = _db.GetCollection<PublishedFindings>("published_findings");
        LearningPoints = _db.GetCollection<LearningPoint>("learning_points");
        if (!readOnly)
        {
            LearningPoints.EnsureIndex(l => l.RoundId);
        }
        Moderations = _db.GetCollection<CaseModeration>("moderations");
        if (!readOnly)
        {
            Cases.EnsureIndex(c => c.RoundId);
            Cases.EnsureIndex(c => c.Reference);
            Returns.EnsureIndex(r => r.RoundId);
            Returns.EnsureIndex(r => r.AgencyId);
            Concerns.EnsureIndex(c => c.RoundId);
            Moderations.EnsureIndex(m => m.RoundId);
        }

        PlanActions = _db.GetCollection<PlanAction>("plan_actions");
        CaseActions = _db.GetCollection<CaseAction>("case_actions");
        if (!readOnly)
        {
            PlanActions.EnsureIndex(a => a.TemplateId);
            CaseActions.EnsureIndex(a => a.RoundId);
            CaseActions.EnsureIndex(a => a.AgencyId);
        }

        RevokedSessions = _db.GetCollection<Security.RevokedSession>("revoked_sessions");
        if (!readOnly)
        {
            RevokedSessions.EnsureIndex(s => s.RevokedAt);
        }

        Mail = _db.GetCollection<Email.QueuedMail>("mail");
        if (!readOnly)
        {
            Mail.EnsureIndex(m => m.State);
            Mail.EnsureIndex(m => m.RoundId);
            Mail.EnsureIndex(m => m.QueuedAt);
        }

        AuditEntries = _db.GetCollection<AuditEntry>("audit_trail");
        if (!readOnly)
        {
            AuditEntries.EnsureIndex(e => e.At);
            AuditEntries.EnsureIndex(e => e.Type);
            AuditEntries.EnsureIndex(e => e.ActorName);
        }
    }

    // LiteDB's default mapper trims strings and turns "" into null: an auditor's evidence, a
    // template's YAML and audit entries (hashed over their exact text) must come back exactly
    // as they were saved.
    // One mapper per store: BsonMapper builds its type maps lazily and is not safe to share
    // between databases used on different threads (seen: "Member At not found" in parallel tests).
    private static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper { TrimWhitespace = false, EmptyStringToNull = false };
        // Computed properties of domain types are not data.
        mapper.Entity<Answer>().Ignore(a => a.IsEmpty);
        mapper.Entity<SafeguardingConcern>().Ignore(c => c.IsOpen);
        mapper.Entity<Dissent>().Ignore(d => d.IsBlank);
        BuildMaps(mapper);
        return mapper;
    }

    // LiteDB maps a type the first time it meets it and publishes the map before it is complete,
    // so requests arriving together just after a start could read a half-built map (a round's
    // history failed with "does not have a default constructor", and kept failing). Every type
    // the collections hold, nested ones too, is mapped here, before any request can arrive.
    private static void BuildMaps(BsonMapper mapper)
    {
        var entity = typeof(BsonMapper).GetMethod(nameof(BsonMapper.Entity))!;
        var seen = new HashSet<Type>();
        var next = new Queue<Type>(typeof(CaseAuditStore).GetProperties()
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(ILiteCollection<>))
            .Select(p => p.PropertyType.GetGenericArguments()[0]));
        while (next.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            entity.MakeGenericMethod(type).Invoke(mapper, null);
            WarmConstructor(mapper, type);
            foreach (var member in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).SelectMany(p => Parts(p.PropertyType)))
            {
                next.Enqueue(member);
            }
        }

        // LiteDB also picks a type's constructor lazily, on its first read, and that too raced
        // (seen: "Collection was modified" in GetTypeCtor when eight first reads met a round's dates).
        // Reading an empty document once here makes it choose now; a type that cannot be made
        // from nothing still has its constructor chosen before the attempt fails.
        static void WarmConstructor(BsonMapper mapper, Type type)
        {
            if (type.IsAbstract)
            {
                return;
            }

            try
            {
                mapper.ToObject(type, new BsonDocument());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Only the constructor's choice matters here, not the object.
            }
        }

        // The app's own classes and records inside a member's type: List<StatusChange> → StatusChange.
        // DateOnly too: LiteDB 5 has no converter for it and maps it as an object (Year, Month,
        // Day) made through its constructor, lazily like the rest.
        static IEnumerable<Type> Parts(Type type) =>
            type.IsArray ? Parts(type.GetElementType()!)
            : Nullable.GetUnderlyingType(type) is { } inner ? Parts(inner)
            : type == typeof(DateOnly) ? [type]
            : type.IsGenericType ? type.GetGenericArguments().SelectMany(Parts)
            : type.Assembly == typeof(CaseAuditStore).Assembly && !type.IsEnum && !type.IsInterface ? [type] : [];
    }

    private static bool AppHolds(string dataFile)
    {
        try
        {
            return File.Exists(DataFileLock.PathFor(dataFile)) && DataFileLock.IsHeld(dataFile);
        }
        catch (UnauthorizedAccessException)
        {
            // Cannot tell (a read-only folder): check the file, which only reads it.
            return false;
        }
    }

    public string DataFile { get; }

    public bool ReadOnly { get; }

    /// Which shape of data the file holds (Schema.Current once migrated).
    public int SchemaVersion => Schema.VersionOf(_db);

    // For migrations only, inside the migration's transaction.
    internal void SetSchemaVersion(int version) => Schema.Set(_db, version);

    // For migrations only: gives every document of a collection that lacks the field this value.
    internal void BackfillMissing(string collection, string field, BsonValue value)
    {
        var documents = _db.GetCollection(collection);
        foreach (var document in documents.FindAll().Where(d => !d.ContainsKey(field)).ToList())
        {
            document[field] = value;
            documents.Update(document);
        }
    }

    public ILiteCollection<StoredTemplateVersion> TemplateVersions { get; }

    public ILiteCollection<CaseAuditUser> Users { get; }

    public ILiteCollection<Agency> Agencies { get; }

    public ILiteCollection<Round> Rounds { get; }

    public ILiteCollection<SampledCase> Cases { get; }

    public ILiteCollection<AgencyReturn> Returns { get; }

    public ILiteCollection<SafeguardingConcern> Concerns { get; }

    public ILiteCollection<PublishedFindings> PublishedFindings { get; }

    public ILiteCollection<LearningPoint> LearningPoints { get; }

    /// The panel's agreed grades, one per case (the id is the case id).
    public ILiteCollection<CaseModeration> Moderations { get; }

    /// The partnership's action plan, per template (theme).
    public ILiteCollection<PlanAction> PlanActions { get; }

    /// Actions for one agency on one sampled case.
    public ILiteCollection<CaseAction> CaseActions { get; }

    /// Sessions ended by signing out, until their cookies would have expired anyway.
    public ILiteCollection<Security.RevokedSession> RevokedSessions { get; }

    /// Every email CaseAudit has queued, sent or failed to send (Email.MailQueue writes it).
    public ILiteCollection<Email.QueuedMail> Mail { get; }

    // Append-only: write to it through AuditTrail, never directly.
    public ILiteCollection<AuditEntry> AuditEntries { get; }

    // Runs work in one LiteDB transaction; only the Writer calls it. LiteDB transactions belong
    // to a thread and do not nest, so the work must not await (a continuation on another thread
    // would fall outside the transaction) and must not open another; a second BeginTrans on
    // this thread is refused rather than silently folded into the first.
    internal void InTransaction(Action work)
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

    /// Copies every committed change from LiteDB's log file into the data file and empties the
    /// log, so a copy of that one file holds them all (a backup) and what was deleted is in
    /// neither file (deleting a round). It must not run inside a transaction: callers run it in
    /// the writer's pause (Writer.PauseAsync), between commits.
    internal void Checkpoint() => _db.Checkpoint();

    /// How many documents each collection holds, by collection name: what a backup is checked against.
    public SortedDictionary<string, long> Counts() =>
        new(_db.GetCollectionNames().ToDictionary(name => name, name => _db.GetCollection(name).LongCount()), StringComparer.Ordinal);

    /// Open and writable: a real (tiny) write, because a file that has gone read-only or a
    /// full disk only shows itself when LiteDB tries to write. The writer runs it (Writer.IsHealthyAsync).
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
            _lock?.Dispose();
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
