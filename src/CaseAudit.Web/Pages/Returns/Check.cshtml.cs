using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Returns;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Returns;

[Authorize(Policy = Policies.Auditor)]
public sealed class CheckModel(ReturnAccess access, ReturnDesk desk) : PageModel
{
    public ReturnContext Context { get; private set; } = null!;

    public bool Editable { get; private set; }

    /// What still stops the return being submitted: while there is anything, no submit button.
    public IReadOnlyList<ReturnProblem> Missing { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var (context, refusal) = await access.LoadAsync(HttpContext, id);
        if (refusal is not null)
        {
            return refusal;
        }

        Context = context!;
        Editable = ReturnLinks.Editable(Context);
        Missing = Editable ? ReturnSections.Missing(Context.Template, Context.Return) : [];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, int version)
    {
        var (context, refusal) = await access.LoadAsync(HttpContext, id);
        if (refusal is not null)
        {
            return refusal;
        }

        Context = context!;
        var outcome = await desk.SubmitAsync(Context.Template, id, version, HttpContext.Actor());
        switch (outcome.Result)
        {
            case SaveResult.Saved:
                TempData["Done"] = $"Your return for case {Context.Case.Reference} is submitted.";
                return RedirectToPage("Index");
            case SaveResult.Refused:
                // The page lists what is missing, each linked to its field.
                TempData["Notice"] = "Your return has not been submitted: some required answers are missing.";
                return RedirectToPage("Check", new { id });
            case SaveResult.Conflict:
                TempData["Notice"] = "Someone else saved this return while you were checking it. Check the answers again before submitting.";
                return RedirectToPage("Check", new { id });
            default:
                return RedirectToPage("Check", new { id });
        }
    }
}
