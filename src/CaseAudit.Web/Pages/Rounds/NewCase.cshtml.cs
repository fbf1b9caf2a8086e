using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Pages.Shared;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

[Authorize(Policy = Policies.Coordinator)]
public sealed class NewCaseModel(CaseAuditStore store, RoundPlanner planner) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Round Round { get; private set; } = null!;

    public IReadOnlyList<(string, string)> RoundAgencies { get; private set; } = [];

    public IActionResult OnGet(string id) => Load(id) is { } refused ? refused : Page();

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (Load(id) is { } refused)
        {
            return refused;
        }

        var i = Input;
        var reference = i.Reference?.Trim() ?? "";
        if (CaseReference.Problem(reference) is { } problem)
        {
            this.AddError("Input.Reference", problem);
        }
        else if (planner.CasesOf(id).Any(c => string.Equals(c.Reference, reference, StringComparison.OrdinalIgnoreCase)))
        {
            this.AddError("Input.Reference", $"Case {reference} is already in this round's sample");
        }

        Require(CaseFacts.AgeBands, i.AgeBand, "Input.AgeBand", "Select the child's age band");
        Require(CaseFacts.Levels, i.Level, "Input.Level", "Select the level of intervention");
        if (i.Categories.Count == 0 || i.Categories.Any(c => !CaseFacts.NeglectCategories.Contains(c)))
        {
            this.AddError("Input.Categories", "Select at least one category of neglect");
        }

        Optional(CaseFacts.Genders, i.Gender, "Input.Gender");
        Optional(CaseFacts.EthnicityGroups, i.EthnicityGroup, "Input.EthnicityGroup");
        Optional(CaseFacts.AssessmentTools, i.AssessmentTool, "Input.AssessmentTool");
        if (i.RiskFactors.Any(r => !CaseFacts.RiskFactors.Contains(r)))
        {
            this.AddError("Input.RiskFactors", "Select risk factors from the list");
        }

        if (i.AgencyIds.Count == 0 || i.AgencyIds.Any(a => !Round.AgencyIds.Contains(a)))
        {
            this.AddError("Input.AgencyIds", "Select the agencies involved with the child (at least one)");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var sampled = new SampledCase
        {
            Reference = reference,
            AgeBand = i.AgeBand!,
            Level = i.Level!,
            Categories = i.Categories.Distinct().ToList(),
            Gender = i.Gender,
            EthnicityGroup = i.EthnicityGroup,
            RiskFactors = i.RiskFactors.Distinct().ToList(),
            AssessmentTool = i.AssessmentTool ?? "None",
            AgencyIds = i.AgencyIds.Distinct().ToList(),
        };
        if (await planner.AddCasesAsync(id, [sampled], HttpContext.Actor(), "added by hand") is { } notAdded)
        {
            this.AddError("Input.Reference", notAdded);
            return Page();
        }

        TempData["Done"] = $"Case {reference} added.";
        return Redirect($"/rounds/{id}#sample");
    }

    private IActionResult? Load(string id)
    {
        var (round, instead) = DraftRound.Load(this, store, id);
        if (round is null)
        {
            return instead;
        }

        Round = round;
        var names = store.Agencies.FindAll().ToDictionary(a => a.Id, a => a.Name);
        RoundAgencies = round.AgencyIds.Select(a => (a, names.GetValueOrDefault(a, a))).ToList();
        return instead;
    }

    private void Require(IReadOnlyList<string> allowed, string? value, string field, string message)
    {
        if (value is null || !allowed.Contains(value))
        {
            this.AddError(field, message);
        }
    }

    private void Optional(IReadOnlyList<string> allowed, string? value, string field)
    {
        if (value is not null && !allowed.Contains(value))
        {
            this.AddError(field, "Select one of the options");
        }
    }

    public sealed class InputModel
    {
        public string? Reference { get; set; }

        public string? AgeBand { get; set; }

        public string? Level { get; set; }

        public List<string> Categories { get; set; } = [];

        public string? Gender { get; set; }

        public string? EthnicityGroup { get; set; }

        public List<string> RiskFactors { get; set; } = [];

        public string? AssessmentTool { get; set; }

        public List<string> AgencyIds { get; set; } = [];
    }
}
