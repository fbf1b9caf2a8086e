using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

[Authorize(Policy = Policies.Coordinator)]
public sealed class NewCaseModel(CaseAuditStore store, RoundPlanner planner) : PageModel
{
    [BindProperty]
    public CaseInput Input { get; set; } = new();

    public Round Round { get; private set; } = null!;

    public IReadOnlyList<(string, string)> RoundAgencies { get; private set; } = [];

    public IActionResult OnGet(string id) => Load(id) is { } refused ? refused : Page();

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (Load(id) is { } refused)
        {
            return refused;
        }

        var references = planner.CasesOf(id).Select(c => c.Reference).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var check = Input.ToEntry().Check(Round.AgencyIds, agencyId => agencyId, references.Contains);
        if (!check.Ok)
        {
            CaseForm.AddErrors(this, check.Problems);
            return Page();
        }

        if (await planner.AddCasesAsync(id, [check.Case], HttpContext.Actor(), "added by hand") is { } notAdded)
        {
            ModelState.AddModelError("Input.Reference", notAdded);
            return Page();
        }

        TempData["Done"] = $"Case {check.Case.Reference} added.";
        return DraftRound.RoundPage(id, "sample");
    }

    private IActionResult? Load(string id)
    {
        var (round, instead) = DraftRound.Load(this, store, id);
        if (round is null)
        {
            return instead;
        }

        Round = round;
        RoundAgencies = Agencies(store, round);
        return instead;
    }

    /// The round's agencies as (id, name), for the agency checkboxes.
    public static IReadOnlyList<(string, string)> Agencies(CaseAuditStore store, Round round)
    {
        var names = store.Agencies.FindAll().ToDictionary(a => a.Id, a => a.Name);
        return round.AgencyIds.Select(a => (a, names.GetValueOrDefault(a, a))).ToList();
    }
}
