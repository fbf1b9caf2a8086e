using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Pages.Shared;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Returns;

/// What the pages that answer part of a return share: loading it for its own agency only, and
/// showing a draft save's outcome (on to the next part, the problems, or someone else's newer
/// version beside what this person typed).
public abstract class ReturnPartModel(ReturnAccess access) : PageModel
{
    public ReturnContext Context { get; private set; } = null!;

    public int Version { get; protected set; }

    /// Set when someone else saved first: their version, shown beside what this person typed.
    public AgencyReturn? Theirs { get; private set; }

    public IReadOnlyList<(string Question, string Theirs, string Yours)> Differences { get; private set; } = [];

    protected async Task<IActionResult?> LoadAsync(string id)
    {
        var (context, refusal) = await access.LoadAsync(HttpContext, id);
        if (refusal is not null)
        {
            return refusal;
        }

        Context = context!;
        Version = Context.Return.Version;
        return null;
    }

    /// differences: where their stored version differs from what was typed, for this part only.
    protected IActionResult Show(Outcome<AgencyReturn> outcome, int version, Func<AgencyReturn, IReadOnlyList<(string, string, string)>> differences, IActionResult next)
    {
        switch (outcome.Result)
        {
            case SaveResult.NotEditable:
                TempData["Notice"] = "This return can no longer be changed: it has been submitted or the round has moved on.";
                return RedirectToPage("Check", new { id = Context.Return.Id });
            case SaveResult.Conflict:
                // Saving again from here is a deliberate choice to replace theirs, so the form
                // now carries their version.
                Version = outcome.Current.Version;
                Theirs = outcome.Current;
                Differences = differences(outcome.Current);
                return Page();
            case SaveResult.Refused:
                Version = version;
                foreach (var p in outcome.Problems)
                {
                    this.AddError(p.Field, p.Message);
                }

                return Page();
            default:
                return next;
        }
    }
}
