using CaseAudit.Web.Data;
using CaseAudit.Web.Domain;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Pages.Shared;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

[Authorize(Policy = Policies.Coordinator)]
public sealed class NewModel(CaseAuditStore store, TemplateLibrary templates, RoundPlanner planner, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<StoredTemplateVersion> Templates { get; private set; } = [];

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostAsync()
    {
        Load();
        var template = Templates.FirstOrDefault(t => t.TemplateId == Input.TemplateId);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var plan = Input.Read(this, Agencies.Select(a => a.Id).ToList(), today, afterTitle: () =>
        {
            if (template is null)
            {
                this.AddError("Input.TemplateId", "Select the template auditors will answer");
            }
        });
        if (plan is null || template is null)
        {
            return Page();
        }

        var round = new Round { TemplateId = template.TemplateId, TemplateVersion = template.Version };
        plan.ApplyTo(round);
        round = await planner.CreateAsync(round, HttpContext.Actor());
        TempData["Done"] = $"Round '{round.Title}' created. Add its sample of cases next.";
        return DraftRound.RoundPage(round.Id);
    }

    private void Load()
    {
        Templates = templates.Catalogue();
        Agencies = store.Agencies.Find(a => a.Active).OrderBy(a => a.Name).ToList();
    }

    public sealed class InputModel : RoundInput
    {
        public string? TemplateId { get; set; }
    }
}
