using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

/// The sample pages (add, import, draw) only work on a round still in Draft.
public static class DraftRound
{
    /// The round, or the result to return instead: 404 for no such round, back to the round
    /// page (with the reason) once planning is over.
    public static (Round? Round, IActionResult? Instead) Load(PageModel page, CaseAuditStore store, string id)
    {
        if (store.Rounds.FindById(id) is not { } round)
        {
            return (null, new NotFoundResult());
        }

        if (round.Status != RoundStatus.Draft)
        {
            page.TempData["Notice"] = "The sample can only change while the round is in Draft.";
            return (round, new RedirectResult($"/rounds/{id}"));
        }

        return (round, null);
    }
}
