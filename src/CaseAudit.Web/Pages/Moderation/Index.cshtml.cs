using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Moderation;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace CaseAudit.Web.Pages.Moderation;

// Signed in is enough at policy level: panel membership is per round, checked by PanelPageModel.
[Authorize(Policy = Policies.SignedIn)]
public sealed class ModerationIndexModel(PanelAccess access, RoundPlanner planner, PanelDesk desk) : PanelPageModel(access)
{
    public IReadOnlyList<(SampledCase Case, ModerationStatus Status)> Cases { get; private set; } = [];

    public void OnGet()
    {
        if (!Open)
        {
            return;
        }

        var statuses = desk.StatusesOf(Round.Id);
        Cases = [.. planner.CasesOf(Round.Id).Select(c => (c, statuses.GetValueOrDefault(c.Id)))];
    }
}
