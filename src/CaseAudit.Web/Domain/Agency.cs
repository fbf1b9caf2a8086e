namespace CaseAudit.Web.Domain;

// A partner agency whose cases are audited (police, health, children's social care...).
// The id is a short slug because it appears in URLs, claims and exported file names.
public sealed class Agency
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string ShortName { get; set; } = "";

    // Agencies leave a partnership but their past audits stay, so they are retired, not deleted.
    public bool Active { get; set; } = true;

    /// Counts saves, so an edit made from an older copy is a conflict, not an overwrite.
    public int Version { get; set; }
}
