using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Moderation;

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
