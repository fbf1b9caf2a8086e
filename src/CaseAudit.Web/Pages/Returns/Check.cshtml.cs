using CaseAudit.Web.Data;
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

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var (context, refusal) = await access.LoadAsync(HttpContext, id);
        if (refusal is not null)
        {
            return refusal;
        }

        Context = context!;
        Editable = ReturnModel.Editable(Context);
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
        var outcome = await desk.SaveAsync(Context.Template, id, version, Context.Return, submit: true, HttpContext.Actor());
        switch (outcome.Result)
        {
            case SaveResult.Saved:
                TempData["Done"] = $"Your return for case {Context.Case.Reference} is submitted.";
                return Redirect("/returns");
            case SaveResult.Refused:
                // Missing answers are shown on the form, next to each field.
                return Redirect($"/returns/{id}");
            case SaveResult.Conflict:
                TempData["Notice"] = "Someone else saved this return while you were checking it. Check the answers again before submitting.";
                return Redirect($"/returns/{id}/check");
            default:
                return Redirect($"/returns/{id}/check");
        }
    }
}
