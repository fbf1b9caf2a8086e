using System.Security.Claims;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using Microsoft.AspNetCore.Mvc;

namespace CaseAudit.Web.Security;

/// Who may moderate a round: any Coordinator, and the people the Coordinator put on its panel.
/// Panel membership is per round, so it cannot be a policy; it is checked here, on the server,
/// for every request, and a refusal is a 403 written to the audit trail.
public sealed class PanelAccess(CaseAuditStore store, AuditTrail trail)
{
    public static bool Allowed(ClaimsPrincipal user, Round round) =>
        PanelMembership.Sits(user.IsInRole, user.FindFirstValue(ClaimTypes.NameIdentifier), round);

    public async Task<(Round? Round, IActionResult? Refusal)> CheckAsync(HttpContext http, string? roundId)
    {
        if (roundId is null || store.Rounds.FindById(roundId) is not { } round)
        {
            return (null, new NotFoundResult());
        }

        // The stored roles count too: a cookie issued before the Board role was granted must not
        // keep a panel seat open.
        var stored = http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId ? store.Users.FindById(userId) : null;
        var board = stored is not null && !PanelMembership.MaySit(stored.Roles);
        if (board || !Allowed(http.User, round))
        {
            var why = board || !PanelMembership.MaySit(http.User.IsInRole) ? " (board members never sit on a panel)" : "";
            await trail.AppendAsync(http.Event("access.refused", $"{http.User.Identity?.Name} was refused {http.Request.Method} {http.Request.Path}: not on the panel for '{round.Title}'{why}", $"round:{round.Id}"));
            return (null, new ForbidResult());
        }

        return (round, null);
    }
}
