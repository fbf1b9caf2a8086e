using CaseAudit.Web.Identity;

namespace CaseAudit.Web.Domain.Rounds;

// A panel sees every agency's evidence. Board members must never see evidence, whatever other
// role they are also given, so the Board role rules a person off every panel, Coordinators too.
public static class PanelMembership
{
    public static bool MaySit(Func<string, bool> holdsRole) => !holdsRole(Roles.Board);

    public static bool MaySit(IEnumerable<string> roles) => MaySit(role => roles.Contains(role, StringComparer.OrdinalIgnoreCase));

    public static bool Sits(Func<string, bool> holdsRole, string? userId, Round round) =>
        MaySit(holdsRole)
        && (holdsRole(Roles.Coordinator) || (userId is not null && round.PanelUserIds.Contains(userId, StringComparer.Ordinal)));
}
