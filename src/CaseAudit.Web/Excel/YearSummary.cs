using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Domain.Findings;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Templates;

namespace CaseAudit.Web.Excel;

/// One round published in the period, with its headline as the board was shown it.
public sealed record YearSummaryRound(
    Round Round,
    string Theme,
    DateTime PublishedAt,
    int SampleSize,
    Distribution Headline,
    Round? Previous,
    TrendRow? Trend,
    AgreementResult? Agreement,
    bool OrdinalScale);

/// One theme's action plan as it stands on the day the summary is produced.
public sealed record YearSummaryPlan(
    string TemplateId,
    string Theme,
    int Red,
    int Amber,
    int Green,
    int Complete,
    int Overdue,
    int ClosedInPeriod,
    int ClosedOnUnknownDate);

public sealed record YearSummary(
    DateOnly From,
    DateOnly To,
    string Partnership,
    DateTime ProducedAt,
    string ProducedBy,
    IReadOnlyList<YearSummaryRound> Rounds,
    IReadOnlyList<YearSummaryPlan> Plans);

/// Gathers the annual report's figures from the store. Plain class, no ASP.NET: the command
/// line runs it on a read-only store.
public sealed class YearSummaryReader(CaseAuditStore store, TemplateLibrary templates)
{
    private readonly RoundFindingsReader _findings = new(store, templates);

    /// The day a round was published: the last move to Published in its history (a reopened and
    /// republished round counts from its latest publication).
    public static DateTime? PublishedAt(Round round) => round.History.LastOrDefault(h => h.To == RoundStatus.Published)?.At;

    public YearSummary Read(DateOnly from, DateOnly to, string partnership, string producedBy, DateTime producedAt)
    {
        var rounds = new List<YearSummaryRound>();
        var published = store.Rounds.Find(r => r.Status == RoundStatus.Published || r.Status == RoundStatus.Closed).ToList();
        foreach (var round in published)
        {
            if (PublishedAt(round) is not { } at || UkTime.Day(at) < from || UkTime.Day(at) > to)
            {
                continue;
            }

            var view = _findings.Read(round);
            var template = _findings.InputsOf(round).Template;
            rounds.Add(new YearSummaryRound(
                round,
                template.Theme,
                at,
                store.Cases.Count(c => c.RoundId == round.Id),
                view.Findings.Overall.Distribution,
                view.Previous,
                view.Trend?.Overall,
                _findings.Agreement(round)?.Overall,
                template.Scale.Ordinal));
        }

        return new YearSummary(
            from,
            to,
            partnership,
            producedAt,
            producedBy,
            rounds.OrderBy(r => r.PublishedAt).ThenBy(r => r.Theme, StringComparer.OrdinalIgnoreCase).ToList(),
            Plans(from, to, published.Select(r => r.Id).ToHashSet(), UkTime.Day(producedAt)));
    }

    // The plans the board follows: actions raised in published or closed rounds.
    private List<YearSummaryPlan> Plans(DateOnly from, DateOnly to, HashSet<string> publishedRounds, DateOnly today)
    {
        var plans = new List<YearSummaryPlan>();
        foreach (var theme in store.PlanActions.FindAll().Where(a => publishedRounds.Contains(a.RoundId)).GroupBy(a => a.TemplateId))
        {
            var actions = theme.ToList();
            var open = actions.Where(a => !a.Closed).ToList();
            var closed = actions.Where(a => a.Closed).ToList();
            plans.Add(new YearSummaryPlan(
                theme.Key,
                templates.Find(theme.Key, null) is { } stored ? templates.Parse(stored).Theme : theme.Key,
                open.Count(a => a.Rag == Rag.Red),
                open.Count(a => a.Rag == Rag.Amber),
                open.Count(a => a.Rag == Rag.Green),
                closed.Count + open.Count(a => a.Rag == Rag.Complete),
                open.Count(a => Overdue.InWords(a.Timescale, today, a.Closed) is not null),
                closed.Count(a => a.ClosedAt is { } at && UkTime.Day(at) >= from && UkTime.Day(at) <= to),
                closed.Count(a => a.ClosedAt is null)));
        }

        return plans.OrderBy(p => p.Theme, StringComparer.OrdinalIgnoreCase).ToList();
    }
}

/// The year summary as an accessible workbook (ClosedXML through AccessibleWorkbook: it is
/// small, a row per round and per theme).
public static class YearSummaryWorkbook
{
    public const string RoundsSheet = "Rounds published";
    public const string PlansSheet = "Action plans";
    public const string AuditType = "export.year-summary";

    private static readonly string[] NoteTexts =
    [
        "",
        "Good or better as the round's findings were published (frozen at publication): the panel's agreed grade where it moderated a case, each agency's own submitted grade elsewhere. Not applicable answers are never counted.",
        "Change since the previous published round of the same template, in percentage points between the whole percentages shown. [z] where there was no earlier round; [x] where either round had no grades.",
        "Each agency's own grades against the panel's agreed grade for the same case and question, on moderated cases only. [x] where there is nothing to compare (no moderated cases).",
        "Quadratic-weighted kappa (Cohen, 1968): 1 is perfect agreement, 0 is what chance alone would give. [x] where there are not enough grades to measure it: fewer than 5 paired grades, or the agencies or the panel gave the same grade every time (kappa is then undefined, not 0). % exact agreement is given either way. [z] on a scale that is not ordered.",
        "Actions as they stand on the day this workbook was produced, for actions raised in published rounds. Complete counts closed actions. Overdue: the timescale has passed and the action is still open on that day.",
        "Closed in the period uses the date CaseAudit recorded when the action was closed. Actions closed before CaseAudit recorded closing dates have no date: where a theme has any, Closed in the period shows [x] (unknown), and the next column counts them.",
    ];

    public static string FileName(DateOnly from, DateOnly to) => $"year-summary-{from:yyyy-MM-dd}-to-{to:yyyy-MM-dd}.xlsx";

    public static void Write(YearSummary s, Stream output)
    {
        var notes = NoteTexts.Select((text, i) => new WorkbookNote(i, text)).Skip(1).ToList();
        AccessibleWorkbook.Write(output, Cover(s), notes, [Rounds(s), Plans(s)]);
    }

    private static WorkbookCover Cover(YearSummary s)
    {
        var lines = new List<string>
        {
            $"Period: rounds published from {s.From:d MMMM yyyy} to {s.To:d MMMM yyyy}, both days included.",
            $"Rounds published in the period: {s.Rounds.Count}. Themes with an action plan: {s.Plans.Count}.",
            "Rounds published: each round's headline (good or better), the change since the previous round of its theme and how far agencies' grades agreed with the panel's.",
            "Action plans: each theme's actions by RAG status, how many are overdue and how many were closed in the period.",
            $"Produced by {s.ProducedBy} for {s.Partnership} on {UkTime.DateAndTime(s.ProducedAt)} (UK time).",
            "How to read the codes:",
        };
        lines.AddRange(Shorthand.Explained);
        lines.Add("[note 1], [note 2] and so on point to the Notes sheet, which explains the column or cell.");
        lines.Add("Percentages are whole percentages of the grades counted (n).");
        return new WorkbookCover($"Year summary: {s.From:d MMMM yyyy} to {s.To:d MMMM yyyy}", s.Partnership, "Case file audits published in the period and action plans", lines);
    }

    private static SheetTable Rounds(YearSummary s)
    {
        var table = new SheetTable(RoundsSheet, "Rounds published in the period",
            "Each round published in the period: its sample, good or better overall, the change since the previous round of its theme and agreement with the panel [note 1].",
            "Table_rounds_published",
            [
                new("Theme", MaxWidth: 40), new("Round", MaxWidth: 40), new("Published on", CellKind.Date, Width: 13), new("Sample size (cases)", CellKind.Count, Width: 12),
                new("Grades counted (n)", CellKind.Count, Width: 12), new("% good or better [note 1]", CellKind.Percent, Width: 14), new("Previous round", MaxWidth: 40),
                new("Previous round n", CellKind.Count, Width: 12), new("Previous % good or better", CellKind.Percent, Width: 14),
                new("Change in percentage points [note 2]", CellKind.Number, Width: 16), new("Grades compared with the panel (n) [note 3]", CellKind.Count, Width: 16),
                new("% exact agreement [note 3]", CellKind.Percent, Width: 14), new("Weighted kappa [note 4]", CellKind.Number, Width: 12),
            ]);
        foreach (var r in s.Rounds)
        {
            var d = r.Headline;
            var hasPrevious = r.Previous is not null && r.Trend is not null;
            object? change = !hasPrevious ? Shorthand.NotApplicable
                : d.GoodOrBetterRate is { } now && r.Trend!.PreviousRate is { } was && r.Trend.PreviousN > 0 ? (double)(Percent.Whole(now) - Percent.Whole(was))
                : Shorthand.NoData;
            var a = r.Agreement;
            object? kappa = !r.OrdinalScale ? Shorthand.NotApplicable : a?.WeightedKappa.Value is { } k ? k : Shorthand.NoData;
            table.Add(
                r.Theme, r.Round.Title, UkTime.Day(r.PublishedAt), r.SampleSize, d.N, d.GoodOrBetterRate ?? (object)Shorthand.NoData,
                hasPrevious ? r.Previous!.Title : Shorthand.NotApplicable,
                hasPrevious ? r.Trend!.PreviousN : Shorthand.NotApplicable,
                !hasPrevious ? Shorthand.NotApplicable : r.Trend!.PreviousRate ?? (object)Shorthand.NoData,
                change,
                a is null ? Shorthand.NoData : a.N,
                a?.ExactAgreement ?? (object)Shorthand.NoData,
                kappa);
        }

        return table;
    }

    private static SheetTable Plans(YearSummary s)
    {
        var table = new SheetTable(PlansSheet, "Action plans by theme",
            "Each theme's action plan: actions by RAG status, overdue actions and actions closed in the period [note 5].",
            "Table_action_plans",
            [
                new("Theme", MaxWidth: 40), new("Template id", Width: 18), new("Red", CellKind.Count, Width: 8), new("Amber", CellKind.Count, Width: 8),
                new("Green", CellKind.Count, Width: 8), new("Complete", CellKind.Count, Width: 10), new("Overdue [note 5]", CellKind.Count, Width: 12),
                new("Closed in the period [note 6]", CellKind.Count, Width: 14), new("Closed on a date not recorded [note 6]", CellKind.Count, Width: 16),
            ]);
        foreach (var p in s.Plans)
        {
            table.Add(p.Theme, p.TemplateId, p.Red, p.Amber, p.Green, p.Complete, p.Overdue,
                p.ClosedOnUnknownDate > 0 ? Shorthand.NoData : p.ClosedInPeriod,
                p.ClosedOnUnknownDate);
        }

        return table;
    }
}

/// The year summary ready to hand over, with its audit entry.
public sealed class YearSummaryExport(CaseAuditStore store, TemplateLibrary templates, Partnership partnership, TimeProvider clock)
{
    public ExportFile Write(DateOnly from, DateOnly to, Actor by)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var summary = new YearSummaryReader(store, templates).Read(from, to, partnership.Name, by.Name, now);
        using var buffer = new MemoryStream();
        YearSummaryWorkbook.Write(summary, buffer);
        var fileName = YearSummaryWorkbook.FileName(from, to);
        var audit = by.Did(
            type: YearSummaryWorkbook.AuditType,
            summary: $"Year summary for {from:d MMMM yyyy} to {to:d MMMM yyyy} exported",
            subject: "export:year-summary",
            after: new { from = from.ToString("yyyy-MM-dd"), to = to.ToString("yyyy-MM-dd"), fileName, rounds = summary.Rounds.Select(r => r.Round.Id).ToList(), themes = summary.Plans.Count });
        return new ExportFile(fileName, buffer.ToArray(), audit);
    }
}
