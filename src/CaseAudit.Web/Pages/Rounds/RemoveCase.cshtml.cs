using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Pages.Shared;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

[Authorize(Policy = Policies.Coordinator)]
public sealed class RemoveCaseModel(CaseAuditStore store, RoundPlanner planner) : PageModel
{
    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public Round Round { get; private set; } = null!;

    public SampledCase Case { get; private set; } = null!;

    public IReadOnlyList<(string, string)> RoundAgencies { get; private set; } = [];

    public IActionResult OnGet(string id, string caseId)
    {
        if (Load(id, caseId) is { } refused)
        {
            return refused;
        }

        Version = Case.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string caseId)
    {
        if (Load(id, caseId) is { } refused)
        {
            return refused;
        }

        if (CaseRemoval.ReasonProblem(Reason) is { } problem)
        {
            this.AddError(nameof(Reason), problem);
            return Page();
        }

        if (await planner.RemoveCaseAsync(id, caseId, Version, Reason, HttpContext.Actor()) is { } refusal)
        {
            ModelState.AddModelError("", refusal);
            Version = Case.Version;
            return Page();
        }

        TempData["Done"] = $"Case {Case.Reference} removed from the sample.";
        return DraftRound.RoundPage(id, "sample");
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
