using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

[Authorize(Policy = Policies.Coordinator)]
public sealed class IndexModel(CaseAuditStore store, TimeProvider clock) : PageModel
{
    public sealed record Row(Round Round, int Cases, int Returns, int Submitted);

    public IReadOnlyList<Row> Rounds { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public void OnGet()
    {
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var returns = store.Returns.FindAll().GroupBy(r => r.RoundId).ToDictionary(g => g.Key, g => (All: g.Count(), Done: g.Count(r => r.Status == ReturnStatus.Submitted)));
        var cases = store.Cases.FindAll().GroupBy(c => c.RoundId).ToDictionary(g => g.Key, g => g.Count());
        Rounds = store.Rounds.FindAll()
            .OrderBy(r => r.Status == RoundStatus.Closed).ThenByDescending(r => r.CreatedAt)
            .Select(r => new Row(r, cases.GetValueOrDefault(r.Id), returns.GetValueOrDefault(r.Id).All, returns.GetValueOrDefault(r.Id).Done))
            .ToList();
    }
}
