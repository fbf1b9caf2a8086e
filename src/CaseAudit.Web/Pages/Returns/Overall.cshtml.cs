using CaseAudit.Web.Returns;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CaseAudit.Web.Pages.Returns;

/// The last part of a return, after the template's sections: the overall grade for the agency's
/// practice and what its records show of the child's voice.
[Authorize(Policy = Policies.Auditor)]
public sealed class OverallModel(ReturnAccess access, ReturnDesk desk) : ReturnPartModel(access)
{
    [BindProperty]
    public string? OverallGrade { get; set; }

    [BindProperty]
    public string? ChildVoiceSummary { get; set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] string id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (!ReturnLinks.Editable(Context))
        {
            return RedirectToPage("Check", new { id });
        }

        OverallGrade = Context.Return.OverallGrade;
        ChildVoiceSummary = Context.Return.ChildVoiceSummary;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string id, int version)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        var outcome = await desk.SaveOverallAsync(Context.Template, id, version, OverallGrade, ChildVoiceSummary, HttpContext.Actor());
        return Show(outcome, version, Compare, RedirectToPage("Return", new { id }));
    }

    private List<(string, string, string)> Compare(Domain.Rounds.AgencyReturn theirs)
    {
        var rows = new List<(string, string, string)>();
        if (theirs.OverallGrade != OverallGrade)
        {
            rows.Add(("Overall grade", theirs.OverallGrade ?? "Not answered", OverallGrade ?? "Not answered"));
        }

        if (theirs.ChildVoiceSummary != ChildVoiceSummary)
        {
            rows.Add(("The child's voice", theirs.ChildVoiceSummary ?? "Not answered", ChildVoiceSummary ?? "Not answered"));
        }

        return rows;
    }
}
