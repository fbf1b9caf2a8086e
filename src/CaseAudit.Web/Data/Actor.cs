namespace CaseAudit.Web.Data;

/// Who makes a change, from where: the person signed in (or the command line, or CaseAudit
/// itself). A desk turns it into the audit event of what it did.
public sealed record Actor(string? Id, string Name, string? AgencyId = null, string? IpAddress = null)
{
    public static readonly Actor System = new(null, AuditEvent.SystemActor);

    public AuditEvent Did(string type, string summary, string? subject = null, object? before = null, object? after = null) =>
        new(type, summary, Id, Name, AgencyId, subject, before, after, IpAddress);
}
