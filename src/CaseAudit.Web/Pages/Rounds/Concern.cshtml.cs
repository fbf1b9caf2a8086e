using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

[Authorize(Policy = Policies.Coordinator)]
public sealed class ConcernFollowUpModel(CaseAuditStore store, AuditTrail trail, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? FollowUp { get; set; }

    public Round Round { get; private set; } = null!;

    public SafeguardingConcern Concern { get; private set; } = null!;

    public string CaseReference { get; private set; } = "";

    public string AgencyName { get; private set; } = "";

    public IActionResult OnGet(string id, string concernId) => Load(id, concernId) ? Page() : NotFound();

    public IActionResult OnPost(string id, string concernId)
    {
        if (!Load(id, concernId))
        {
            return NotFound();
        }

        if (!Concern.IsOpen)
        {
            return Redirect($"/rounds/{id}/concerns/{concernId}");
        }

        if (string.IsNullOrWhiteSpace(FollowUp))
        {
            ModelState.AddModelError("FollowUp", "Record what was done to follow up the concern");
        }
        else if (FollowUp.Length > 4000)
        {
            ModelState.AddModelError("FollowUp", $"The follow-up must be 4,000 characters or fewer (it has {FollowUp.Length:N0})");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Concern.FollowUp = FollowUp!.Trim();
        Concern.FollowUpBy = User.Identity!.Name;
        Concern.FollowUpAt = clock.GetUtcNow().UtcDateTime;
        trail.Append(HttpContext.Event("concern.followed-up", $"Follow-up recorded for the concern on case {CaseReference}", $"concern:{Concern.Id}",
            after: new { Concern.FollowUp }), alongside: () => store.Concerns.Update(Concern));
        TempData["Done"] = $"Follow-up recorded for case {CaseReference}.";
        return Redirect($"/rounds/{id}");
    }

    private bool Load(string id, string concernId)
    {
        if (store.Rounds.FindById(id) is not { } round || store.Concerns.FindById(concernId) is not { } concern || concern.RoundId != id)
        {
            return false;
        }

        Round = round;
        Concern = concern;
        CaseReference = store.Cases.FindById(concern.CaseId)?.Reference ?? concern.CaseId;
        AgencyName = store.Agencies.FindById(concern.AgencyId)?.Name ?? concern.AgencyId;
        return true;
    }
}
