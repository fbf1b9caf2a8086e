using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Board;

public sealed record BoardRoundSummary(Round Round, string TemplateTitle, string Theme, DateTime? PublishedAt, string Overall, string Trend);

[Authorize(Policy = Policies.Board)]
public sealed class IndexModel(CaseAuditStore store, RoundFindingsReader reader) : PageModel
{
    public IReadOnlyList<BoardRoundSummary> Rounds { get; private set; } = [];

    public void OnGet()
    {
        Rounds = store.Rounds.Find(r => r.Status == RoundStatus.Published || r.Status == RoundStatus.Closed).ToList()
            .OrderByDescending(r => r.PeriodTo)
            .Select(r =>
            {
                var inputs = reader.InputsOf(r);
                var view = reader.Read(r);
                return new BoardRoundSummary(
                    r,
                    inputs.Template.Title,
                    inputs.Template.Theme,
                    BoardRound.PublishedAt(r),
                    view.Findings.Overall.Distribution.Describe(),
                    view.Previous is null ? "No earlier published round on this template." : $"Since {view.Previous.Title}: {view.Trend!.Overall.Describe()}");
            })
            .ToList();
    }
}
