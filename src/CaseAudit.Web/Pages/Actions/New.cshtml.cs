using CaseAudit.Web.Actions;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Actions;

[Authorize(Policy = Policies.Coordinator)]
public sealed class NewActionModel(CaseAuditStore store, ActionDesk desk) : PageModel
{
    [BindProperty]
    public ActionInput Input { get; set; } = new();

    public PlanRound Plan { get; private set; } = null!;

    public IActionResult OnGet(string id)
    {
        if (PlanRound.Load(store, id) is not { } plan)
        {
            return NotFound();
        }

        Plan = plan;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (PlanRound.Load(store, id) is not { } plan)
        {
            return NotFound();
        }

        Plan = plan;
        var timescale = Input.Check(this, plan.Round.AgencyIds);
        if (!ModelState.IsValid || timescale is null)
        {
            return Page();
        }

        var action = new PlanAction();
        Input.ApplyTo(action, timescale.Value, plan.LearningOptions.Select(o => o.Item1));
        await desk.CreateAsync(plan.Round, action, HttpContext.Actor());
        TempData["Done"] = $"Action {action.Ref} added to the plan.";
        return RedirectToPage("/Actions/Plan", new { id });
    }
}
