using CaseAudit.Web.Pages.Returns;
using CaseAudit.Web.Returns;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

// The Coordinator's read-only view of one agency's return, and where a submitted return is
// reopened (with a reason, audited).
[Authorize(Policy = Policies.Coordinator)]
public sealed class RoundReturnModel(ReturnAccess access, ReturnDesk desk) : PageModel
{
    [BindProperty]
    public string? Reason { get; set; }

    public ReturnContext Context { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, string returnId)
    {
        var (context, refusal) = await access.LoadAsync(HttpContext, returnId);
        if (refusal is not null || context!.Round.Id != id)
        {
            return refusal ?? NotFound();
        }

        Context = context;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string returnId)
    {
        var (context, refusal) = await access.LoadAsync(HttpContext, returnId);
        if (refusal is not null || context!.Round.Id != id)
        {
            return refusal ?? NotFound();
        }

        Context = context;
        if (await desk.ReopenAsync(returnId, Reason ?? "", HttpContext.Actor()) is { } problem)
        {
            ModelState.AddModelError("Reason", problem);
            return Page();
        }

        TempData["Done"] = $"The {context.AgencyName} return for case {context.Case.Reference} is reopened.";
        return RedirectToPage("/Rounds/Round", new { id });
    }
}
