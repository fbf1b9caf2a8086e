namespace CaseAudit.Web.Domain;

/// A record that belongs to one agency (a return, a case action...). Whether a person may touch
/// it is decided in one place: Security/AgencyScope.cs.
public interface IAgencyScoped
{
    string AgencyId { get; }
}
