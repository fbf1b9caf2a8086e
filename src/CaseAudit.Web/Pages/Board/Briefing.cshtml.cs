using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Findings;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Board;

/// The printable "7-minute briefing" for practitioners: one sheet of A4, aggregates only.
[Authorize(Policy = Policies.Board)]
public sealed class BriefingModel(CaseAuditStore store, RoundFindingsReader reader) : PageModel
{
    public const int Take = 3;

    public RoundFindingsView View { get; private set; } = null!;

    public AuditTemplate Template { get; private set; } = null!;

    public IReadOnlyList<Finding> Strongest { get; private set; } = [];

    public IReadOnlyList<Finding> Weakest { get; private set; } = [];

    public IReadOnlyList<string> AreasForDevelopment { get; private set; } = [];

    public IReadOnlyList<CaseAudit.Web.Domain.Actions.PlanAction> OpenActions { get; private set; } = [];

    public IActionResult OnGet(string id)
    {
        if (BoardRound.Find(store, id) is not { } round)
        {
            return NotFound();
        }

        View = reader.Read(round);
        Template = reader.InputsOf(round).Template;
        (Strongest, Weakest) = StrongestAndWeakest(View.Findings.ByQuestion, Take);
        AreasForDevelopment = store.LearningPoints.Find(l => l.RoundId == round.Id && l.Kind == CaseAudit.Web.Domain.Rounds.LearningKind.AreaForDevelopment)
            .ToList().Select(l => l.Text).ToList();
        OpenActions = [.. store.ForBoard(round).Where(a => !a.Closed)];
        return Page();
    }

    /// The questions with the highest and lowest good-or-better rates among those with at least
    /// one grade (ties in template order). With fewer than 2 × take graded questions the lists
    /// would overlap, so the weakest take only what the strongest left.
    public static (IReadOnlyList<Finding> Strongest, IReadOnlyList<Finding> Weakest) StrongestAndWeakest(IReadOnlyList<Finding> byQuestion, int take)
    {
        var graded = byQuestion.Where(q => q.Distribution.N >= 1).ToList();
        var strongest = graded.OrderByDescending(q => q.Distribution.GoodOrBetterRate).Take(take).ToList();
        var weakest = graded.Except(strongest).OrderBy(q => q.Distribution.GoodOrBetterRate).Take(take).ToList();
        return (strongest, weakest);
    }

    public IReadOnlyList<string> GuidanceFor(Finding question) =>
        Template.Questions.FirstOrDefault(q => q.Id == question.Key)?.Guidance ?? [];
}
