using CaseAudit.Web.Actions;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Pages.Shared;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Actions;

[Authorize(Policy = Policies.Coordinator)]
public sealed class CaseActionsModel(CaseAuditStore store, ActionDesk desk, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? CaseId { get; set; }

    [BindProperty]
    public string? AgencyId { get; set; }

    [BindProperty]
    public string? What { get; set; }

    [BindProperty]
    public DateParts Due { get; set; } = new();

    public PlanRound Plan { get; private set; } = null!;

    public IReadOnlyList<SampledCase> Cases { get; private set; } = [];

    public IReadOnlyList<CaseAction> Actions { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public string Reference(string caseId) => Cases.FirstOrDefault(c => c.Id == caseId)?.Reference ?? caseId;

    public string Counted => $"{Actions.Count} case action{(Actions.Count == 1 ? "" : "s")}, {Actions.Count(a => a.Done)} done";

    public IActionResult OnGet(string id) => Load(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (Load(id) is { } refused)
        {
            return refused;
        }

        var sampled = Cases.FirstOrDefault(c => c.Id == CaseId);
        if (sampled is null)
        {
            this.AddError(nameof(CaseId), "Select the case");
        }

        if (AgencyId is null || !Plan.Round.AgencyIds.Contains(AgencyId) || (sampled is not null && !sampled.AgencyIds.Contains(AgencyId)))
        {
            this.AddError(nameof(AgencyId), sampled is null ? "Select the agency" : $"Select one of the agencies involved with case {sampled.Reference}");
        }

        if (ActionRules.Text(What, "what needs to be done") is { } problem)
        {
            this.AddError(nameof(What), problem);
        }

        var (due, dueProblem) = Due.Read("due date");
        if (dueProblem is not null)
        {
            this.AddError(nameof(Due), dueProblem);
        }

        if (!ModelState.IsValid || sampled is null || due is null)
        {
            return Page();
        }

        await desk.CreateCaseActionAsync(Plan.Round, sampled, new CaseAction { AgencyId = AgencyId!, What = What!.Trim(), Due = due.Value }, HttpContext.Actor());
        TempData["Done"] = $"Case action added for case {sampled.Reference}.";
        return RedirectToPage("/Actions/CaseActions", new { id });
    }

    private IActionResult? Load(string id)
    {
        if (PlanRound.Load(store, id) is not { } plan)
        {
            return NotFound();
        }

        Plan = plan;
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Cases = store.Cases.Find(c => c.RoundId == id).OrderBy(c => c.Reference, StringComparer.OrdinalIgnoreCase).ToList();
        Actions = desk.CaseActionsOf(id);
        return null;
    }
}
