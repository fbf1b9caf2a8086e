using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

/// The planning pages (add, import, draw, change or remove a case, change the round) only work
/// on a round still in Draft.
public static class DraftRound
{
    public const string SampleFixed = "The sample can only change while the round is in Draft.";

    /// The round, or the result to return instead: 404 for no such round, back to the round
    /// page (with the reason) once planning is over.
    public static (Round? Round, IActionResult? Instead) Load(PageModel page, CaseAuditStore store, string id, string notice = SampleFixed)
    {
        if (store.Rounds.FindById(id) is not { } round)
        {
            return (null, new NotFoundResult());
        }

        if (round.Status != RoundStatus.Draft)
        {
            page.TempData["Notice"] = notice;
            return (round, RoundPage(id));
        }

        return (round, null);
    }

    /// The round and one of its cases, or the result to return instead (404 for a case that is
    /// not in this round).
    public static (Round? Round, SampledCase? Case, IActionResult? Instead) LoadCase(PageModel page, CaseAuditStore store, string id, string caseId)
    {
        var (round, instead) = Load(page, store, id);
        if (instead is not null)
        {
            return (round, null, instead);
        }

        return store.Cases.FindById(caseId) is { } sampled && sampled.RoundId == id
            ? (round, sampled, null)
            : (round, null, new NotFoundResult());
    }

    /// The round's page, at its sample when a case changed.
    public static RedirectToPageResult RoundPage(string id, string? fragment = null) => new("/Rounds/Round", null, new { id }, fragment);
}
