using CaseAudit.Web.Data;
using CaseAudit.Web.Domain;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

[Authorize(Policy = Policies.Coordinator)]
public sealed class EditRoundModel(CaseAuditStore store, RoundPlanner planner, TemplateLibrary templates, TimeProvider clock) : PageModel
{
    [BindProperty]
    public RoundInput Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public Round Round { get; private set; } = null!;

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public string TemplateTitle { get; private set; } = "";

    /// Set when someone else saved the round meanwhile: what is saved now, beside what was typed.
    public Round? SavedNow { get; private set; }

    public IActionResult OnGet(string id)
    {
        if (Load(id) is { } refused)
        {
            return refused;
        }

        Input.Fill(Round);
        Version = Round.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (Load(id) is { } refused)
        {
            return refused;
        }

        var plan = Input.Read(this, Agencies.Select(a => a.Id).ToList(), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (plan is null)
        {
            return Page();
        }

        var problems = await planner.ChangePlanAsync(id, Version, plan, HttpContext.Actor());
        if (problems.Count == 0)
        {
            TempData["Done"] = "Round details changed.";
            return DraftRound.RoundPage(id);
        }

        RoundInput.AddErrors(this, problems);
        if (store.Rounds.FindById(id) is { } current && current.Version != Version)
        {
            // Saving again is then a deliberate choice over what is shown as saved now.
            SavedNow = current;
            Version = current.Version;
        }

        return Page();
    }

    private IActionResult? Load(string id)
    {
        var (round, instead) = DraftRound.Load(this, store, id, "A round's title, dates and agencies can only change while it is in Draft.");
        if (instead is not null)
        {
            return instead;
        }

        Round = round!;
        TemplateTitle = templates.Find(Round.TemplateId, Round.TemplateVersion)?.Title ?? Round.TemplateId;
        // Active agencies, and any retired one still in the round so that saving does not drop it unseen.
        Agencies = store.Agencies.FindAll().Where(a => a.Active || Round.AgencyIds.Contains(a.Id)).OrderBy(a => a.Name).ToList();
        return null;
    }
}
