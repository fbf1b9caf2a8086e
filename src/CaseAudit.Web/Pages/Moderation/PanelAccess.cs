using System.Security.Claims;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Moderation;

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

/// A moderation page: the panel check runs before any handler, and also when a POST names no
/// handler at all, so no request reaches the page's content without it.
public abstract class PanelPageModel(PanelAccess access) : PageModel
{
    public Round Round { get; private set; } = null!;

    /// Moderation opens when the round reaches Panel; before that nothing is shown, because
    /// agencies' answers stay blind until then.
    public bool Open => Round.Status >= RoundStatus.Panel;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var (round, refusal) = await access.CheckAsync(HttpContext, context.RouteData.Values["id"] as string);
        if (refusal is not null)
        {
            context.Result = refusal;
            return;
        }

        Round = round!;
        await next();
    }
}
