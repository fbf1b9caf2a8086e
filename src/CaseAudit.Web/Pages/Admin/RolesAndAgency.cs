using CaseAudit.Web.Domain;
using CaseAudit.Web.Identity;

namespace CaseAudit.Web.Pages.Admin;

// What the _RolesAndAgency partial shows: the ticked roles, the chosen agency and the choices.
public sealed record RolesAndAgency(IReadOnlyCollection<string> Roles, string? AgencyId, IReadOnlyList<Agency> Agencies)
{
    public static string Describe(string role) => role switch
    {
        Identity.Roles.Admin => "Manages users, agencies and the audit trail",
        Identity.Roles.Coordinator => "Runs audit rounds across all agencies",
        Identity.Roles.Auditor => "Audits one agency's cases",
        Identity.Roles.Board => "Reads published findings and action plans",
        _ => "",
    };
}
