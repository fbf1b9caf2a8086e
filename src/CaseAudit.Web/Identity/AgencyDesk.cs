using CaseAudit.Web.Data;
using CaseAudit.Web.Domain;

namespace CaseAudit.Web.Identity;

/// Adding and changing the partnership's agencies. Whether an id is taken, and whether the
/// agency changed since the Admin opened it, are decided inside the writer.
public sealed class AgencyDesk(Writer writer)
{
    public const string DuplicateId = "An agency with this id already exists";

    public static string Subject(string id) => $"agency:{id}";

    public Task<string?> AddAsync(Agency agency, Actor by) => writer.WriteAsync<string?>(change =>
    {
        if (change.Store.Agencies.FindById(agency.Id) is not null)
        {
            return DuplicateId;
        }

        agency.Version = 1;
        change.Store.Agencies.Insert(agency);
        change.Audit(by.Did(
            type: "agency.created",
            summary: $"Agency {agency.Name} ({agency.Id}) added",
            subject: Subject(agency.Id),
            after: new { agency.Id, agency.Name, agency.ShortName, agency.Active }));
        return null;
    });

    /// The stored agency when someone else saved it after `expectedVersion` (nothing written),
    /// else null.
    public Task<Agency?> UpdateAsync(string id, int expectedVersion, string name, string shortName, bool active, Actor by) => writer.WriteAsync(change =>
    {
        var stored = change.Store.Agencies.FindById(id) ?? throw new InvalidOperationException($"No agency {id}");
        if (stored.Version != expectedVersion)
        {
            return stored;
        }

        var (before, after) = AuditEvent.ChangedFields(
            new { stored.Name, stored.ShortName, stored.Active },
            new { Name = name, ShortName = shortName, Active = active });
        if (before is null)
        {
            return null;
        }

        var updated = new Agency { Id = id, Name = name, ShortName = shortName, Active = active, Version = stored.Version + 1 };
        change.Store.Agencies.Update(updated);
        change.Audit(by.Did(
            type: "agency.updated",
            summary: $"Agency {name} ({id}) changed: {string.Join(", ", after!.Select(p => p.Key))}",
            subject: Subject(id),
            before: before,
            after: after));
        return (Agency?)null;
    });
}
