using System.Text.Json;
using System.Text.Json.Nodes;
using CaseAudit.Web.Domain;
using LiteDB;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace CaseAudit.Web.Data;

// One line of the audit trail as stored. Seq is the LiteDB _id, so the data file itself
// refuses two entries with the same number (no fork can be written, even by mistake).
public sealed class AuditEntry : IAuditRecord
{
    private DateTime _at;

    [BsonId(autoId: false)]
    public long Seq { get; set; }

    // LiteDB hands dates back in local time; the trail is always UTC.
    public DateTime At
    {
        get => _at;
        set => _at = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
    }

    public string? ActorId { get; set; }

    public string ActorName { get; set; } = "";

    public string? ActorAgencyId { get; set; }

    public string Type { get; set; } = "";

    public string? Subject { get; set; }

    public string Summary { get; set; } = "";

    public string? Before { get; set; }

    public string? After { get; set; }

    public string? IpAddress { get; set; }

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";

    // Entries stored before format 2 have no Format field and read as 1.
    public int Format { get; set; } = 1;

    public string? Salt { get; set; }

    public string? SummaryDigest { get; set; }

    public string? BeforeDigest { get; set; }

    public string? AfterDigest { get; set; }

    public long? RedactedBy { get; set; }
}

// What happened, as a caller describes it; AuditTrail adds the number, time and hashes.
// Before/After are any objects (an anonymous object of the changed fields is typical) and are
// stored as compact camelCase JSON.
public sealed record AuditEvent(
    string Type,
    string Summary,
    string? ActorId,
    string ActorName,
    string? ActorAgencyId = null,
    string? Subject = null,
    object? Before = null,
    object? After = null,
    string? IpAddress = null)
{
    public const string SystemActor = "CaseAudit";
    public const string AnonymousActor = "anonymous";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false };

    public static string? ToJson(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Json);

    // The fields that differ between two versions of a record, old values and new, ready to
    // pass as Before and After; null for both when nothing changed.
    public static (JsonObject? Before, JsonObject? After) ChangedFields<T>(T before, T after)
    {
        var old = JsonSerializer.SerializeToNode(before, Json) as JsonObject ?? [];
        var now = JsonSerializer.SerializeToNode(after, Json) as JsonObject ?? [];
        var changedBefore = new JsonObject();
        var changedAfter = new JsonObject();
        foreach (var name in old.Select(p => p.Key).Union(now.Select(p => p.Key)))
        {
            var o = old[name];
            var n = now[name];
            if (!JsonNode.DeepEquals(o, n))
            {
                changedBefore[name] = o?.DeepClone();
                changedAfter[name] = n?.DeepClone();
            }
        }

        return changedBefore.Count == 0 ? (null, null) : (changedBefore, changedAfter);
    }

    internal AuditEntry ToEntry(long seq, DateTime at, string previousHash)
    {
        if (string.IsNullOrWhiteSpace(Type) || string.IsNullOrWhiteSpace(Summary) || string.IsNullOrWhiteSpace(ActorName))
        {
            throw new ArgumentException("An audit event needs a type, a summary and an actor name.");
        }

        var entry = new AuditEntry
        {
            Seq = seq,
            At = at,
            ActorId = ActorId,
            ActorName = ActorName,
            ActorAgencyId = ActorAgencyId,
            Type = Type,
            Subject = Subject,
            Summary = Summary,
            Before = ToJson(Before),
            After = ToJson(After),
            IpAddress = IpAddress,
            PreviousHash = previousHash,
            Format = AuditChain.CurrentFormat,
            Salt = AuditChain.NewSalt(),
        };
        entry.Hash = AuditChain.ComputeHash(entry);
        return entry;
    }
}

// Filters for reading the trail. Actor matches part of the name, any case; Type matches a
// prefix ("sign-in" finds every sign-in.* entry); From and To are whole UTC days, inclusive.
public sealed record AuditQuery
{
    public string? Actor { get; init; }

    public string? Type { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}

// The append-only audit trail. There is deliberately no method to update or delete an entry:
// a trail that the application can rewrite proves nothing, and the hash chain would break at
// the first edit anyway. Corrections are new entries. (A reflection test keeps it that way.)
public sealed class AuditTrail(CaseAuditStore store, Writer writer)
{
    // An entry on its own, for what changes nothing else (a sign-in, an export, a refusal).
    // A change and its entry are one command: Change.Audit inside it.
    public Task AppendAsync(AuditEvent e) => writer.WriteAsync(change => change.Audit(e));

    // For start-up and the command line, which cannot await.
    public void Append(AuditEvent e) => writer.Write(change => change.Audit(e));

    public AuditEntry? Latest() => store.AuditEntries.Query().OrderByDescending(e => e.Seq).FirstOrDefault();

    // Newest first.
    public IReadOnlyList<AuditEntry> Find(AuditQuery q) =>
        Filter(q).OrderByDescending(e => e.Seq).Skip(Math.Max(0, q.Skip)).Limit(Math.Max(0, q.Take)).ToList();

    public int Count(AuditQuery q) => Filter(q).Count();

    // Streams the whole trail in order; the data file is read as it goes.
    public IEnumerable<AuditEntry> All() => All(store);

    public static IEnumerable<AuditEntry> All(CaseAuditStore store) => store.AuditEntries.Query().OrderBy(e => e.Seq).ToEnumerable();

    public AuditVerification VerifyAll() => Verify(All());

    public static AuditVerification Verify(IEnumerable<AuditEntry> entriesInSeqOrder) => AuditChain.Verify(entriesInSeqOrder);

    private ILiteQueryable<AuditEntry> Filter(AuditQuery q)
    {
        var query = store.AuditEntries.Query();
        if (!string.IsNullOrWhiteSpace(q.Actor))
        {
            // INDEXOF rather than LIKE, so a % or _ in the search is matched literally.
            query = query.Where("INDEXOF(LOWER($.ActorName), @0) >= 0", new BsonValue(q.Actor.Trim().ToLowerInvariant()));
        }

        if (!string.IsNullOrWhiteSpace(q.Type))
        {
            // LIKE 'prefix%' can use the Type index; a prefix holding LIKE's own wildcards is
            // matched literally with INDEXOF instead.
            var prefix = q.Type.Trim();
            query = prefix.IndexOfAny(['%', '_']) < 0
                ? query.Where("$.Type LIKE @0", new BsonValue(prefix + "%"))
                : query.Where("INDEXOF($.Type, @0) = 0", new BsonValue(prefix));
        }

        if (q.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At >= start);
        }

        if (q.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At < end);
        }

        return query;
    }
}
