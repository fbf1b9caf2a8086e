using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

// Who sits on the round's moderation panel. Coordinators always do, so they are not listed;
// board members never do, so they are not offered.
[Authorize(Policy = Policies.Coordinator)]
public sealed class PanelModel(CaseAuditStore store, RoundPlanner planner) : PageModel
{
    public Round Round { get; private set; } = null!;

    public IReadOnlyList<(CaseAuditUser User, string Agency)> People { get; private set; } = [];

    [BindProperty]
    public List<string> PanelUserIds { get; set; } = [];

    public IActionResult OnGet(string id)
    {
        if (Load(id) is { } refused)
        {
            return refused;
        }

        PanelUserIds = Round.PanelUserIds;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, int version)
    {
        if (store.Rounds.FindById(id) is null)
        {
            return NotFound();
        }

        if (await planner.SetPanelAsync(id, version, PanelUserIds, HttpContext.Actor()) is { } refusal)
        {
            ModelState.AddModelError("", refusal);
            Load(id);
            PanelUserIds = Round.PanelUserIds;
            return Page();
        }

        TempData["Done"] = "The panel is saved.";
        return RedirectToPage("/Rounds/Panel", new { id });
    }

    private IActionResult? Load(string id)
    {
        if (store.Rounds.FindById(id) is not { } round)
        {
            return NotFound();
        }

        Round = round;
        var agencies = store.Agencies.FindAll().ToDictionary(a => a.Id, a => a.Name);
        People = [.. store.Users.Find(u => u.Active).ToList()
            .Where(u => !u.Roles.Contains(Roles.Coordinator) && PanelMembership.MaySit(u.Roles))
            .OrderBy(u => u.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(u => (u, u.AgencyId is { } a ? agencies.GetValueOrDefault(a, a) : "No agency"))];
        return null;
    }
}
