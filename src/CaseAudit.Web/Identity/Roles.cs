namespace CaseAudit.Web.Identity;

// The four roles CaseAudit knows. They are constants, not rows in a roles table, because what
// each role may do is written in code (authorization policies), so a role added only as data
// would grant nothing. A person may hold several roles (a coordinator who is also an admin).
public static class Roles
{
    // Runs the system: user accounts, agencies, the audit trail and backups.
    public const string Admin = "Admin";

    // The partnership's QA lead: templates, rounds, samples, panels, actions and exports.
    public const string Coordinator = "Coordinator";

    // Bound to exactly one agency (CaseAuditUser.AgencyId); sees and edits only that agency's work.
    public const string Auditor = "Auditor";

    // Read-only: published findings, action plans and workbooks.
    public const string Board = "Board";

    public static readonly IReadOnlyList<string> All = [Admin, Coordinator, Auditor, Board];

    // Role names arrive from forms and claims; matching them case-insensitively but storing the
    // canonical spelling keeps "auditor" and "Auditor" from becoming two roles.
    public static string? Canonical(string role) =>
        All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
}
