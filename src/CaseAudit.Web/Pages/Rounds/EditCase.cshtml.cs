using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

[Authorize(Policy = Policies.Coordinator)]
public sealed class EditCaseModel(CaseAuditStore store, RoundPlanner planner) : PageModel
{
    [BindProperty]
    public CaseInput Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public Round Round { get; private set; } = null!;

    public SampledCase Case { get; private set; } = null!;

    public IReadOnlyList<(string, string)> RoundAgencies { get; private set; } = [];

    /// Set when someone else saved the case meanwhile: what is saved now, beside what was typed.
    public SampledCase? SavedNow { get; private set; }

    public IActionResult OnGet(string id, string caseId)
    {
        if (Load(id, caseId) is { } refused)
        {
            return refused;
        }

        Input = CaseInput.From(Case);
        Version = Case.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string caseId)
    {
        if (Load(id, caseId) is { } refused)
        {
            return refused;
        }

        var change = await planner.ChangeCaseAsync(id, caseId, Version, Input.ToEntry(), HttpContext.Actor());
        if (change.IsSaved)
        {
            TempData["Done"] = $"Case {Input.Reference?.Trim()} changed.";
            return DraftRound.RoundPage(id, "sample");
        }

        CaseForm.AddErrors(this, change.Problems);
        if (change.Refusal is { } refusal)
        {
            ModelState.AddModelError("", refusal);
            if (store.Cases.FindById(caseId) is { } current && current.Version != Version)
            {
                // Saving again is then a deliberate choice over what is shown as saved now.
                SavedNow = current;
                Version = current.Version;
                ModelState.Remove(nameof(Version));
            }
        }

        return Page();
    }

    private IActionResult? Load(string id, string caseId)
    {
        var (round, sampled, instead) = DraftRound.LoadCase(this, store, id, caseId);
        if (instead is not null)
        {
            return instead;
        }

        Round = round!;
        Case = sampled!;
        RoundAgencies = NewCaseModel.Agencies(store, Round);
        return null;
    }
}
