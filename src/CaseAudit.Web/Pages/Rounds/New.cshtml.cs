using CaseAudit.Web.Data;
using CaseAudit.Web.Domain;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Pages.Shared;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

[Authorize(Policy = Policies.Coordinator)]
public sealed class NewModel(CaseAuditStore store, TemplateLibrary templates, RoundPlanner planner) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<StoredTemplateVersion> Templates { get; private set; } = [];

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostAsync()
    {
        Load();
        var title = Input.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            this.AddError("Input.Title", "Enter a title for the round");
        }
        else if (title.Length > 120)
        {
            this.AddError("Input.Title", "The title must be 120 characters or fewer");
        }

        var template = Templates.FirstOrDefault(t => t.TemplateId == Input.TemplateId);
        if (template is null)
        {
            this.AddError("Input.TemplateId", "Select the template auditors will answer");
        }

        var from = ReadDate(Input.PeriodFrom, "Input.PeriodFrom", "start of the period under review");
        var to = ReadDate(Input.PeriodTo, "Input.PeriodTo", "end of the period under review");
        var deadline = ReadDate(Input.Deadline, "Input.Deadline", "grading deadline");
        if (from is not null && to is not null && to < from)
        {
            this.AddError("Input.PeriodTo", "The end of the period must be the same as or after its start");
        }

        var agencies = Input.AgencyIds.Intersect(Agencies.Select(a => a.Id)).ToList();
        if (agencies.Count == 0)
        {
            this.AddError("Input.AgencyIds", "Select at least one participating agency");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var round = await planner.CreateAsync(new Round
        {
            Title = title,
            TemplateId = template!.TemplateId,
            TemplateVersion = template.Version,
            PeriodFrom = from!.Value,
            PeriodTo = to!.Value,
            GradingDeadline = deadline!.Value,
            AgencyIds = agencies,
        }, HttpContext.Actor());
        TempData["Done"] = $"Round '{round.Title}' created. Add its sample of cases next.";
        return Redirect($"/rounds/{round.Id}");
    }

    private DateOnly? ReadDate(DateParts parts, string field, string what)
    {
        var (date, problem) = parts.Read(what);
        if (problem is not null)
        {
            this.AddError(field, problem);
        }

        return date;
    }

    private void Load()
    {
        Templates = templates.Catalogue();
        Agencies = store.Agencies.Find(a => a.Active).OrderBy(a => a.Name).ToList();
    }

    public sealed class InputModel
    {
        public string? Title { get; set; }

        public string? TemplateId { get; set; }

        public DateParts PeriodFrom { get; set; } = new();

        public DateParts PeriodTo { get; set; } = new();

        public DateParts Deadline { get; set; } = new();

        public List<string> AgencyIds { get; set; } = [];
    }
}
