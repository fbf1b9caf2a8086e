using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;

namespace CaseAudit.Web.Email;

/// The people a round's emails would reach but cannot, because their account has no email
/// address: the QA lead chases them by hand.
public static class NoAddress
{
    public static IReadOnlyList<CaseAuditUser> ForRound(IEnumerable<CaseAuditUser> users, Round round) =>
        [.. users.Where(u => u.Active && string.IsNullOrWhiteSpace(u.Email)
                && ((u.Roles.Contains(Roles.Auditor) && u.AgencyId is { } agency && round.AgencyIds.Contains(agency))
                    || u.Roles.Contains(Roles.Coordinator) || u.Roles.Contains(Roles.Board)))
            .OrderBy(u => u.DisplayName, StringComparer.OrdinalIgnoreCase)];
}
