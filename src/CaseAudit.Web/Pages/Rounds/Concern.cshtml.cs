using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Returns;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

[Authorize(Policy = Policies.Coordinator)]
public sealed class ConcernFollowUpModel(CaseAuditStore store, ConcernDesk desk) : PageModel
{
    [BindProperty]
    public string? FollowUp { get; set; }

    public Round Round { get; private set; } = null!;

    public SafeguardingConcern Concern { get; private set; } = null!;

    public string CaseReference { get; private set; } = "";

    public string AgencyName { get; private set; } = "";

    public IActionResult OnGet(string id, string concernId) => Load(id, concernId) ?? Page();

    public async Task<IActionResult> OnPostAsync(string id, string concernId)
    {
        if (Load(id, concernId) is { } refused)
        {
            return refused;
        }

        if (!Concern.IsOpen)
        {
            return RedirectToPage("/Rounds/Concern", new { id, concernId });
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

        TempData["Done"] = await desk.FollowUpAsync(Concern.Id, FollowUp!, CaseReference, HttpContext.Actor())
            ? $"Follow-up recorded for case {CaseReference}."
            : $"Someone else recorded a follow-up for case {CaseReference} a moment ago; yours was not saved. Theirs is on the concern.";
        return RedirectToPage("/Rounds/Round", new { id });
    }

    private IActionResult? Load(string id, string concernId)
    {
        if (store.Rounds.FindById(id) is not { } round || store.Concerns.FindById(concernId) is not { } concern || concern.RoundId != id)
        {
            return NotFound();
        }

        Round = round;
        Concern = concern;
        CaseReference = store.Cases.FindById(concern.CaseId)?.Reference ?? concern.CaseId;
        AgencyName = store.Agencies.FindById(concern.AgencyId)?.Name ?? concern.AgencyId;
        return null;
    }
}
