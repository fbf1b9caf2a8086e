using CaseAudit.Web.Actions;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Security;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Actions;

[Authorize(Policy = Policies.Coordinator)]
public sealed class PlanModel(CaseAuditStore store, ActionDesk desk, TimeProvider clock, TemplateLibrary templates) : PageModel
{
    public string TemplateTitle { get; private set; } = "";

    public PlanRound Plan { get; private set; } = null!;

    public IReadOnlyList<PlanAction> Actions { get; private set; } = [];

    public IReadOnlyDictionary<string, string> RoundTitles { get; private set; } = new Dictionary<string, string>();

    public DateOnly Today { get; private set; }

    public IActionResult OnGet(string id)
    {
        if (PlanRound.Load(store, id) is not { } plan)
        {
            return NotFound();
        }

        Plan = plan;
        TemplateTitle = templates.Find(plan.Round.TemplateId, plan.Round.TemplateVersion)?.Title ?? plan.Round.TemplateId;
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Actions = desk.OpenFor(plan.Round.TemplateId);
        RoundTitles = Actions.Select(a => a.RoundId).Distinct().ToDictionary(r => r, r => store.Rounds.FindById(r)?.Title ?? r);
        return Page();
    }

    /// "Carried over from ..." when the action was raised in another round of this theme.
    public string? CarriedOver(PlanAction a) =>
        a.FromDeletedRound is { } deleted ? $"Carried over from {deleted}, a round since deleted"
        : a.RoundId == Plan.Round.Id ? null
        : $"Carried over from {RoundTitles.GetValueOrDefault(a.RoundId, a.RoundId)}";

    public static string RagClass(Rag rag) => rag switch
    {
        Rag.Red => "govuk-tag--red",
        Rag.Amber => "govuk-tag--orange",
        Rag.Green => "govuk-tag--green",
        _ => "govuk-tag--blue",
    };
}
