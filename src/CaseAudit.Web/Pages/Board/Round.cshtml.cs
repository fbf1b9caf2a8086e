using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Findings;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Excel;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Board;

/// The board's summary of one published round: aggregates only, never a return's evidence.
[Authorize(Policy = Policies.Board)]
public sealed class RoundModel(CaseAuditStore store, RoundFindingsReader reader, LearningSummaryExport exports, AuditTrail trail) : PageModel
{
    public RoundFindingsView View { get; private set; } = null!;

    public AuditTemplate Template { get; private set; } = null!;

    public HeatMap HeatMap { get; private set; } = null!;

    /// Each agency's grades against the panel's agreed grades; null when no case was moderated.
    public AgreementReport? Agreement { get; private set; }

    public IReadOnlyDictionary<string, string> AgencyNames { get; private set; } = new Dictionary<string, string>();

    public string QuestionChart { get; private set; } = "";

    public string HeatMapChart { get; private set; } = "";

    public IReadOnlyList<CaseAudit.Web.Domain.Rounds.LearningPoint> Learning { get; private set; } = [];

    /// The theme's action plan as the board follows it (BoardActions), open ones first: closed
    /// actions stay visible as achievements.
    public IReadOnlyList<CaseAudit.Web.Domain.Actions.PlanAction> Actions { get; private set; } = [];

    public int ModeratedCases { get; private set; }

    /// How many agreed grades each agency did not accept, by agency name: counts only, because
    /// a dissent's reason is about the case.
    public IReadOnlyList<(string Agency, int Count)> Dissent { get; private set; } = [];

    public int CasesWithDissent { get; private set; }

    /// The board's copy of the learning-summary workbook: never any return evidence.
    public async Task<IActionResult> OnGetLearningSummaryAsync(string id)
    {
        if (BoardRound.Find(store, id) is not { } round)
        {
            return NotFound();
        }

        var file = exports.Write(round, SummaryCopy.Board, HttpContext.Actor());
        await trail.AppendAsync(file.Audit);
        return File(file.Content, ExportFile.ContentType, file.FileName);
    }

    public IActionResult OnGet(string id)
    {
        if (BoardRound.Find(store, id) is not { } round)
        {
            return NotFound();
        }

        View = reader.Read(round);
        Learning = store.LearningPoints.Find(l => l.RoundId == round.Id).OrderBy(l => l.Kind).ThenBy(l => l.RecordedAt).ToList();
        Actions = store.ForBoard(round);
        var inputs = reader.InputsOf(round);
        Template = inputs.Template;
        AgencyNames = inputs.AgencyNames;
        Agreement = reader.Agreement(round);
        var moderated = store.Moderations.Find(m => m.RoundId == round.Id && m.Status == CaseAudit.Web.Domain.Rounds.ModerationStatus.Moderated).ToList();
        ModeratedCases = moderated.Count;
        CasesWithDissent = moderated.Count(m => m.Dissents.Count > 0);
        Dissent = moderated.SelectMany(m => m.Dissents).GroupBy(d => d.AgencyId ?? "")
            .Select(g => (AgencyNames.GetValueOrDefault(g.Key, g.Key), g.Count())).OrderByDescending(d => d.Item2).ThenBy(d => d.Item1, StringComparer.Ordinal).ToList();
        // From the snapshot for published rounds, like the findings, so the two always agree.
        HeatMap = View.HeatMap;
        var f = View.Findings;
        QuestionChart = SvgCharts.StackedBars(
            "chart-questions",
            "Grades by question",
            $"Share of each grade for each of the {f.ByQuestion.Count} graded questions, as 100% stacked bars, best grade first ({string.Join(", ", f.Scale.Options)}). The same numbers are in the table after the chart.",
            f.ByQuestion,
            f.Scale);
        HeatMapChart = SvgCharts.HeatMapChart(
            "chart-heat-map",
            "Good or better by agency and JTAI evaluation point",
            $"Percentage of grades good or better for each of {HeatMap.Rows.Count} agencies (rows) on JTAI evaluation points 1 to 11 (columns)"
            + (HeatMap.Panel is null ? "" : $"; below them, set apart, a row for the {Grading.PanelLabel.ToLowerInvariant()} on moderated cases, which is not an agency")
            + "; darker is higher; cells without grades say no data. The same numbers are in the table after the chart.",
            HeatMap);
        return Page();
    }
}
