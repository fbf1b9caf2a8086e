using CaseAudit.Web.Actions;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Actions;

/// An auditor's own agency's case actions, decided from their account, never the URL; marking
/// one done is checked on the server against the action's agency.
[Authorize(Policy = Policies.Auditor)]
public sealed class MyCaseActionsModel(CaseAuditStore store, ActionDesk desk, IAuthorizationService authorization, AuditTrail trail, TimeProvider clock) : PageModel
{
    public sealed record Row(CaseAction Action, string RoundTitle, string Reference);

    public string AgencyName { get; private set; } = "";

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostAsync(string? actionId, int version)
    {
        if (actionId is null || store.CaseActions.FindById(actionId) is not { } action)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, action, Policies.AgencyRecord)).Succeeded)
        {
            await trail.AppendAsync(HttpContext.Event("access.refused", $"{User.Identity?.Name} was refused {Request.Method} {Request.Path}: the case action belongs to {action.AgencyId}", $"case-action:{action.Id}"));
            return Forbid();
        }

        if (await desk.MarkDoneAsync(action.Id, version, HttpContext.Actor()) is { } refusal)
        {
            ModelState.AddModelError("", refusal);
            Load();
            return Page();
        }

        TempData["Done"] = "Case action marked as done.";
        return RedirectToPage("/Actions/Mine");
    }

    private void Load()
    {
        var agencyId = User.FindFirst(CaseAuditClaimTypes.Agency)?.Value ?? "";
        AgencyName = store.Agencies.FindById(agencyId)?.Name ?? "your agency";
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rounds = new Dictionary<string, string>();
        var references = new Dictionary<string, string>();
        Rows = store.CaseActions.Find(a => a.AgencyId == agencyId).OrderBy(a => a.Done).ThenBy(a => a.Due)
            .Select(a => new Row(
                a,
                rounds.TryGetValue(a.RoundId, out var t) ? t : rounds[a.RoundId] = store.Rounds.FindById(a.RoundId)?.Title ?? a.RoundId,
                references.TryGetValue(a.CaseId, out var r) ? r : references[a.CaseId] = store.Cases.FindById(a.CaseId)?.Reference ?? a.CaseId))
            .ToList();
    }
}
