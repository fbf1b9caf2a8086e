using CaseAudit.Web.Actions;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Pages.Shared;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Actions;

[Authorize(Policy = Policies.Coordinator)]
public sealed class EditActionModel(CaseAuditStore store, ActionDesk desk, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ActionInput Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? ProgressText { get; set; }

    [BindProperty]
    public string? ProgressRag { get; set; }

    public PlanRound Plan { get; private set; } = null!;

    public PlanAction Action { get; private set; } = null!;

    public string? OverdueInWords { get; private set; }

    public IActionResult OnGet(string id, string actionId)
    {
        if (Load(id, actionId) is { } refused)
        {
            return refused;
        }

        Input = ActionInput.From(Action);
        Version = Action.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string actionId)
    {
        if (Load(id, actionId) is { } refused)
        {
            return refused;
        }

        var timescale = Input.Check(this, Plan.Round.AgencyIds);
        if (!ModelState.IsValid || timescale is null)
        {
            return Page();
        }

        return Done(await desk.UpdateAsync(actionId, Version, a => Input.ApplyTo(a, timescale.Value, Plan.LearningOptions.Select(o => o.Item1)), HttpContext.Actor()), id, actionId, "Action saved.");
    }

    public async Task<IActionResult> OnPostProgressAsync(string id, string actionId)
    {
        if (Load(id, actionId) is { } refused)
        {
            return refused;
        }

        Input = ActionInput.From(Action);
        if (ActionRules.Text(ProgressText, "the progress made") is { } problem)
        {
            this.AddError(nameof(ProgressText), problem);
        }

        if (!Enum.TryParse<Rag>(ProgressRag, out var rag) || !Enum.IsDefined(rag))
        {
            this.AddError(nameof(ProgressRag), "Select the RAG rating");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        return Done(await desk.AddProgressAsync(actionId, Version, ProgressText!, rag, HttpContext.Actor()), id, actionId, "Progress update added.");
    }

    public async Task<IActionResult> OnPostCloseAsync(string id, string actionId)
    {
        if (Load(id, actionId) is { } refused)
        {
            return refused;
        }

        Input = ActionInput.From(Action);
        if (await desk.CloseAsync(actionId, Version, HttpContext.Actor()) is { } refusal)
        {
            ModelState.AddModelError("", refusal);
            return Page();
        }

        TempData["Done"] = $"Action {Action.Ref} closed.";
        return RedirectToPage("/Actions/Plan", new { id });
    }

    private IActionResult Done(string? refusal, string id, string actionId, string message)
    {
        if (refusal is not null)
        {
            ModelState.AddModelError("", refusal);
            Load(id, actionId);
            return Page();
        }

        TempData["Done"] = message;
        return RedirectToPage("/Actions/Edit", new { id, actionId });
    }

    private IActionResult? Load(string id, string actionId)
    {
        if (PlanRound.Load(store, id) is not { } plan || store.PlanActions.FindById(actionId) is not { } action || action.TemplateId != plan.Round.TemplateId)
        {
            return NotFound();
        }

        Plan = plan;
        Action = action;
        OverdueInWords = Overdue.InWords(action.Timescale, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), action.Closed);
        return null;
    }
}
