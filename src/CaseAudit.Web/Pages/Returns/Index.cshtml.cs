using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using CaseAudit.Web.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Returns;

[Authorize(Policy = Policies.Auditor)]
public sealed class IndexModel(CaseAuditStore store, TimeProvider clock) : PageModel
{
    public sealed record RoundReturns(Round Round, IReadOnlyList<(AgencyReturn Return, string Reference)> Returns, int Completed, string DueInWords);

    public string AgencyName { get; private set; } = "";

    public IReadOnlyList<RoundReturns> Rounds { get; private set; } = [];

    public void OnGet()
    {
        // Only the signed-in auditor's own agency, decided from their account, never the URL.
        var agencyId = User.FindFirst(CaseAuditClaimTypes.Agency)?.Value ?? "";
        AgencyName = store.Agencies.FindById(agencyId)?.Name ?? "your agency";
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Rounds = store.Returns.Find(r => r.AgencyId == agencyId)
            .GroupBy(r => r.RoundId)
            .Select(g => (Round: store.Rounds.FindById(g.Key), Returns: g.ToList()))
            .Where(x => x.Round is { Status: RoundStatus.Grading })
            .Select(x =>
            {
                var references = store.Cases.Find(c => c.RoundId == x.Round.Id).ToDictionary(c => c.Id, c => c.Reference);
                var rows = x.Returns.Select(r => (r, references.GetValueOrDefault(r.CaseId, r.CaseId))).OrderBy(r => r.Item2, StringComparer.OrdinalIgnoreCase).ToList();
                return new RoundReturns(x.Round, rows, rows.Count(r => r.r.Status == ReturnStatus.Submitted), Due.InWords(x.Round.GradingDeadline, today));
            })
            .ToList();
    }
}
