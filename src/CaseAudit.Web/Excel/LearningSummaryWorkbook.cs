using System.Globalization;
using ClosedXML.Excel;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Domain.Findings;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Excel;

/// One round's learning summary as an accessible workbook: the sheets the board reads in its
/// papers, the action plan agencies track between meetings and, in the Coordinator's copy only,
/// every grading with its evidence.
public static class LearningSummaryWorkbook
{
    public const string HeadlinesSheet = "Headlines";
    public const string ByQuestionSheet = "By question";
    public const string ByAgencySheet = "By agency";
    public const string BySectionSheet = "By section";
    public const string ByJtaiSheet = "By JTAI point";
    public const string BySampleGroupSheet = "By sample group";
    public const string HeatMapSheet = "Heat map";
    public const string AgreementSheet = "Agreement";
    public const string CaseGridSheet = "Case grid";
    public const string SampleSheet = "Sample";
    public const string LearningSheet = "Learning";
    public const string ActionPlanSheet = "Action plan";
    public const string CaseActionsSheet = "Case actions";
    public const string RawGradingsSheet = "Raw gradings";

    /// The Action plan sheet's header row, exactly: an uploaded copy is matched against it.
    public static readonly IReadOnlyList<string> ActionPlanHeaders =
        ["Ref", "Workstream", "What we are trying to achieve", "Activity", "Lead", "Agency", "Timescale", "RAG [note 9]", "Current position", "Learning it answers"];

    public const int ActionPlanRagColumn = 8;
    public const int ActionPlanPositionColumn = 9;

    public static readonly IReadOnlyList<string> RagChoices = [nameof(Rag.Red), nameof(Rag.Amber), nameof(Rag.Green)];

    public const string Complete = "Complete";

    // Numbered in the order a reader meets them; headers refer to them as [note n].
    private static readonly string[] NoteTexts =
    [
        "",
        "Basis of the grades: see the Cover. Where the panel moderated a case, its agreed grade is counted; elsewhere each agency's own submitted grade is.",
        "Change since the previous published round of the same template, in percentage points between the whole percentages shown. Questions are matched by their id across template versions.",
        "A question tagged with several JTAI evaluation points counts in each of them, so these rows do not add up to the overall figure.",
        "A case with several categories of neglect counts in each of them, so the category rows do not add up to the overall figure.",
        "Each agency's own submitted grades, question by question. The last column, Panel's agreed grade, is not an agency: it holds the grades the panel agreed for moderated cases. Cells are shaded from white (0%) to blue (100%); the number is in every cell, so colour is never the only way to read it.",
        "Each agency's own grades against the panel's agreed grade for the same case and question, on moderated cases only. Not applicable answers are never paired.",
        "Quadratic-weighted kappa (Cohen, 1968): 1 is perfect agreement, 0 is what chance alone would give. [x] where there are not enough grades to measure it: fewer than 5 paired grades, or the agency or the panel gave the same grade every time (kappa is then undefined, not 0). % exact agreement is given either way. [z] on a scale that is not ordered.",
        "Agreed means the panel's agreed grade. Where a case has not been moderated, each agency's own grade is shown as Agency: grade, separated by semicolons.",
        "Red, Amber or Green; Complete for an action that has been closed. To record progress, change RAG and Current position in this sheet and upload the workbook on the round's Action plan page in CaseAudit. Other columns are not read back.",
    ];

    public static void Write(LearningSummary s, Stream output)
    {
        var tables = new List<SheetTable>
        {
            Headlines(s),
            Distributions(ByQuestionSheet, "Grades by question", "Table_by_question", "Question id", s.Findings.ByQuestion, s, withLabel: "Question"),
            // Agencies, then the panel's agreed grades as a row of their own, labelled as such.
            Distributions(ByAgencySheet, "Grades by agency", "Table_by_agency", "Agency", [.. s.Findings.ByAgency, .. PanelRow(s.Findings)], s),
            Distributions(BySectionSheet, "Grades by section of the template", "Table_by_section", "Section", s.Findings.BySection, s),
            Distributions(ByJtaiSheet, "Grades by JTAI evaluation point [note 3]", "Table_by_jtai_point", "JTAI point", s.Findings.ByJtaiPoint, s, withLabel: "Evaluation point"),
            BySampleGroup(s),
            HeatMap(s),
            Agreement(s),
            CaseGrid(s),
            Sample(s),
            Learning(s),
            ActionPlan(s),
            CaseActions(s),
        };
        if (s.Copy == SummaryCopy.Coordinator)
        {
            tables.Add(RawGradings(s));
        }

        var notes = NoteTexts.Select((text, i) => new WorkbookNote(i, text)).Skip(1).ToList();
        AccessibleWorkbook.Write(output, Cover(s), notes, tables);
    }

    public static string FileName(Round round, SummaryCopy copy, DateOnly on) =>
        $"{Slug(round.Title, round.Id)}-learning-summary{(copy == SummaryCopy.Coordinator ? "-with-evidence" : "")}-{on:yyyy-MM-dd}.xlsx";

    public static string Slug(string text, string fallback)
    {
        var slug = new string(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        slug = string.Join('-', slug.Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? fallback : slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }

    private static WorkbookCover Cover(LearningSummary s)
    {
        var r = s.Round;
        var t = s.Template;
        var published = s.PublishedAt is { } at ? $"published on {UkTime.Date(at)}" : $"status {r.Status} (not yet published: these findings may still change)";
        var lines = new List<string>
        {
            $"Round: {r.Title}, {published}.",
            $"What this audit looked at: {t.Theme}.",
            $"Why: {t.Purpose}",
            $"Period audited: {r.PeriodFrom:d MMMM yyyy} to {r.PeriodTo:d MMMM yyyy}.",
            $"Agencies taking part: {string.Join(", ", r.AgencyIds.Select(s.AgencyName))}.",
            $"Sample: {s.Cases.Count} {(s.Cases.Count == 1 ? "case" : "cases")}, known only by pseudonymous case references.",
            $"Template: {t.Title} (id {t.Id}, version {t.Version}). Scale: {t.Scale.Name} ({string.Join(", ", t.Scale.Options)}); good or better means {string.Join(" or ", t.Scale.GoodOrBetter)}.",
            $"Grades: {s.Basis} \"Not applicable\" answers are never counted as grades.",
            s.Previous is null
                ? "Compared with: no earlier published round on this template."
                : $"Compared with: {s.Previous.Title} ({s.Previous.PeriodFrom:MMMM yyyy} to {s.Previous.PeriodTo:MMMM yyyy}).",
            $"Produced by {s.ProducedBy} for {s.Partnership} on {UkTime.DateAndTime(s.ProducedAt)} (UK time).",
            s.Copy == SummaryCopy.Coordinator
                ? "This is the Coordinator's copy. The Raw gradings sheet holds auditors' evidence about children's cases: keep it in the partnership's secure storage and do not send it to the board."
                : "This is the board's copy: it holds findings, learning and actions, never auditors' evidence.",
            "How to read the codes:",
        };
        if (s.PublishedWith is { } unfinished)
        {
            lines.Insert(1, $"Warning: these findings were {unfinished}.{(s.PublishReason is { } why ? $" Why they were published then: {why}" : "")}");
        }

        lines.AddRange(Shorthand.Explained);
        lines.AddRange(
        [
            "[note 1], [note 2] and so on point to the Notes sheet, which explains the column or cell.",
            "Percentages are whole percentages of the grades counted (n).",
        ]);
        return new WorkbookCover($"Learning summary: {r.Title}", s.Partnership, t.Theme, lines)
        {
            Properties = new Dictionary<string, string>
            {
                [WorkbookIdentity.RoundId] = WorkbookIdentity.Write(r.Id),
                [WorkbookIdentity.TemplateId] = WorkbookIdentity.Write(t.Id),
                [WorkbookIdentity.Copy] = s.Copy.ToString(),
            },
        };
    }

    private static SheetTable Headlines(LearningSummary s)
    {
        var hasPrevious = s.PreviousFindings is not null;
        var table = new SheetTable(HeadlinesSheet, "Headlines",
            $"Good or better overall, by agency and by section, with the change since the previous published round [note 1].",
            "Table_headlines",
            [
                new("Measure", Width: 10), new("Name", MaxWidth: 50), new("Grades counted (n)", CellKind.Count), new("Good or better", CellKind.Count),
                new("% good or better", CellKind.Percent), new("Previous round n", CellKind.Count), new("Previous % good or better", CellKind.Percent),
                new("Change in percentage points [note 2]", CellKind.Number),
            ]);

        void Row(string measure, Finding current, Finding? previous)
        {
            var d = current.Distribution;
            object? change = !hasPrevious ? Shorthand.NotApplicable
                : previous is null || d.GoodOrBetterRate is null || previous.Distribution.GoodOrBetterRate is null ? Shorthand.NoData
                : (double)(Percent.Whole(d.GoodOrBetterRate.Value) - Percent.Whole(previous.Distribution.GoodOrBetterRate.Value));
            table.Add(
                measure, current.Label, d.N, d.GoodOrBetterCount, d.GoodOrBetterRate,
                !hasPrevious ? Shorthand.NotApplicable : previous is null ? Shorthand.NoData : previous.Distribution.N,
                !hasPrevious ? Shorthand.NotApplicable : previous?.Distribution.GoodOrBetterRate,
                change);
        }

        var p = s.PreviousFindings;
        Row("Overall", s.Findings.Overall, p?.Overall);
        foreach (var f in s.Findings.ByAgency)
        {
            Row("Agency", f, p?.ByAgency.FirstOrDefault(x => x.Key == f.Key));
        }

        foreach (var f in PanelRow(s.Findings))
        {
            Row("Panel", f, p?.WithPanelApart().AgreedByPanel);
        }

        foreach (var f in s.Findings.BySection)
        {
            Row("Section", f, p?.BySection.FirstOrDefault(x => x.Key == f.Key));
        }

        return table;
    }

    private static IEnumerable<Finding> PanelRow(RoundFindings findings) =>
        findings.AgreedByPanel is { } panel ? [panel with { Label = $"{Grading.PanelLabel} (moderated cases; not an agency)" }] : [];

    private static List<SheetColumn> DistributionColumns(GradingScale scale) =>
    [
        .. scale.Options.Select(o => new SheetColumn(o, CellKind.Count, Width: Math.Max(10, o.Length * 0.9 + 2))),
        new("Not applicable", CellKind.Count, Width: 12),
        new("Grades counted (n)", CellKind.Count, Width: 12),
        new("Good or better", CellKind.Count, Width: 12),
        new("% good or better", CellKind.Percent, Width: 12),
    ];

    private static object?[] DistributionCells(Distribution d) =>
    [
        .. d.Counts.Select(c => (object?)c.Count),
        d.NotApplicableCount,
        d.N,
        d.GoodOrBetterCount,
        d.GoodOrBetterRate,
    ];

    private static SheetTable Distributions(string sheet, string title, string tableName, string keyHeader, IReadOnlyList<Finding> rows, LearningSummary s, string? withLabel = null)
    {
        var columns = new List<SheetColumn> { new(keyHeader, Width: withLabel is null ? null : 12, MaxWidth: 50) };
        if (withLabel is not null)
        {
            columns.Add(new(withLabel, MaxWidth: 70));
        }

        columns.AddRange(DistributionColumns(s.Findings.Scale));
        var table = new SheetTable(sheet, title, $"How the grades fell, as counts, with n and % good or better [note 1].", tableName, columns);
        foreach (var f in rows)
        {
            table.Add([.. withLabel is null ? [f.Label] : new object?[] { f.Key, f.Label }, .. DistributionCells(f.Distribution)]);
        }

        return table;
    }

    private static SheetTable BySampleGroup(LearningSummary s)
    {
        var table = new SheetTable(BySampleGroupSheet, "Grades by sample group",
            "How the grades fell for each age band, level of intervention and category of neglect in the sample [note 1] [note 4].", "Table_by_sample_group",
            [new("Group", Width: 18), new("Value", MaxWidth: 40), .. DistributionColumns(s.Findings.Scale)]);
        foreach (var (group, rows) in new[] { ("Age band", s.Findings.ByAgeBand), ("Level", s.Findings.ByLevel), ("Neglect category", s.Findings.ByCategory) })
        {
            foreach (var f in rows)
            {
                table.Add([group, f.Label, .. DistributionCells(f.Distribution)]);
            }
        }

        return table;
    }

    private const string PanelColumn = Grading.PanelLabel;

    private static SheetTable HeatMap(LearningSummary s)
    {
        var agencies = s.AgencyGradings.Select(g => g.AgencyId).Distinct().OrderBy(s.AgencyName, StringComparer.OrdinalIgnoreCase).ToList();
        var agreed = s.Moderations.SelectMany(m => m.Agreed.Select(a => new Grading(m.CaseId, Grading.Panel, a.Key, a.Value.Grade, a.Value.NotApplicable))).ToList();
        var table = new SheetTable(HeatMapSheet, "Heat map: good or better by question and agency",
            "Percentage of grades good or better for each question (rows) and agency (columns) [note 5].", "Table_heat_map",
            [new("Question id", Width: 12), new("Question", MaxWidth: 60), .. agencies.Select(a => new SheetColumn(s.AgencyName(a), CellKind.Percent, Width: 14)), new(PanelColumn, CellKind.Percent, Width: 14)])
        {
            Format = (_, data) =>
            {
                var numbers = data.Range(1, 3, data.RowCount(), data.ColumnCount());
                numbers.AddConditionalFormat().ColorScale()
                    .Minimum(XLCFContentType.Number, 0, XLColor.White)
                    .Maximum(XLCFContentType.Number, 1, XLColor.FromHtml("#6FA8DC"));
            },
        };
        var cases = s.Cases.Select(c => c.Id).ToHashSet();
        foreach (var q in s.Template.Questions.Where(q => q.Answer == AnswerKind.Grade))
        {
            var cells = new List<object?> { q.Id, q.Text };
            foreach (var a in agencies)
            {
                cells.Add(Distribution.Of(s.AgencyGradings.Where(g => g.AgencyId == a && g.QuestionId == q.Id && cases.Contains(g.CaseId)), s.Template.Scale).GoodOrBetterRate);
            }

            cells.Add(Distribution.Of(agreed.Where(g => g.QuestionId == q.Id && cases.Contains(g.CaseId)), s.Template.Scale).GoodOrBetterRate);
            table.Add([.. cells]);
        }

        return table;
    }

    private static SheetTable Agreement(LearningSummary s)
    {
        var table = new SheetTable(AgreementSheet, "Agreement with the panel",
            "How closely each agency's own grades matched the panel's agreed grades, per agency and per question [note 6].", "Table_agreement",
            [new("Scope", Width: 10), new("Name", MaxWidth: 60), new("Paired grades (n)", CellKind.Count, Width: 12), new("% exact agreement", CellKind.Percent, Width: 14),
                new("Weighted kappa [note 7]", CellKind.Number, Width: 14)]);
        var ordinal = s.Template.Scale.Ordinal;
        object? Kappa(AgreementResult r) => !ordinal ? Shorthand.NotApplicable : r.WeightedKappa.Value is { } k ? k : Shorthand.NoData;
        if (s.Agreement is not { } report)
        {
            table.Add("Overall", "No case has been moderated yet, so there is nothing to compare", 0, null, ordinal ? Shorthand.NoData : Shorthand.NotApplicable);
            return table;
        }

        table.Add("Overall", "All agencies and questions", report.Overall.N, report.Overall.ExactAgreement, Kappa(report.Overall));
        foreach (var r in report.ByAgency)
        {
            table.Add("Agency", s.AgencyName(r.Key), r.N, r.ExactAgreement, Kappa(r));
        }

        var questions = s.Template.Questions.ToDictionary(q => q.Id);
        foreach (var r in report.ByQuestion)
        {
            table.Add("Question", questions.TryGetValue(r.Key, out var q) ? $"{q.Id}: {q.Text}" : r.Key, r.N, r.ExactAgreement, Kappa(r));
        }

        return table;
    }

    private static SheetTable CaseGrid(LearningSummary s)
    {
        var graded = s.Template.Questions.Where(q => q.Answer == AnswerKind.Grade).ToList();
        var table = new SheetTable(CaseGridSheet, "Grades by case and question",
            "Each sampled case (rows) against each graded question (columns, by question id; the By question sheet gives the wording) [note 8].", "Table_case_grid",
            [new("Case reference", Width: 16), new("Basis", Width: 22), .. graded.Select(q => new SheetColumn(q.Id, MaxWidth: 36)), new("Overall grade", MaxWidth: 36)]);
        var moderations = s.Moderations.ToDictionary(m => m.CaseId);
        var returns = s.AgencyGradings.GroupBy(g => g.CaseId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var c in s.Cases)
        {
            var cells = new List<object?> { c.Reference };
            if (moderations.TryGetValue(c.Id, out var m))
            {
                cells.Add("Agreed (moderated)");
                foreach (var q in graded)
                {
                    cells.Add(m.Agreed.TryGetValue(q.Id, out var a) ? a.NotApplicable ? GradingScale.NotApplicable : a.Grade ?? Shorthand.NoData : Shorthand.NoData);
                }

                cells.Add(m.OverallGrade ?? Shorthand.NoData);
            }
            else
            {
                var own = returns.GetValueOrDefault(c.Id) ?? [];
                cells.Add(own.Count == 0 ? "No submitted returns" : "Single-agency grades");
                foreach (var q in graded)
                {
                    var parts = own.Where(g => g.QuestionId == q.Id)
                        .OrderBy(g => s.AgencyName(g.AgencyId), StringComparer.OrdinalIgnoreCase)
                        .Select(g => $"{s.AgencyName(g.AgencyId)}: {(g.NotApplicable ? GradingScale.NotApplicable : g.Grade)}")
                        .ToList();
                    cells.Add(parts.Count == 0 ? Shorthand.NoData : string.Join("; ", parts));
                }

                var overall = s.SubmittedReturnsOverall(c.Id);
                cells.Add(overall);
            }

            table.Add([.. cells]);
        }

        return table;
    }

    private static string SubmittedReturnsOverall(this LearningSummary s, string caseId)
    {
        var parts = s.AgencyOverallGrades.Where(r => r.CaseId == caseId)
            .OrderBy(r => s.AgencyName(r.AgencyId), StringComparer.OrdinalIgnoreCase)
            .Select(r => $"{s.AgencyName(r.AgencyId)}: {r.Grade}")
            .ToList();
        return parts.Count == 0 ? Shorthand.NoData : string.Join("; ", parts);
    }

    private static SheetTable Sample(LearningSummary s)
    {
        var table = new SheetTable(SampleSheet, "The sample",
            "Each sampled case: its pseudonymous reference, age band, level of intervention, categories of neglect and the agencies involved.", "Table_sample",
            [new("Case reference", Width: 16), new("Age band", Width: 10), new("Level", Width: 18), new("Neglect categories", MaxWidth: 50), new("Agencies involved", MaxWidth: 80)]);
        foreach (var c in s.Cases)
        {
            table.Add(c.Reference, c.AgeBand, c.Level, c.Categories.Count == 0 ? "None recorded" : string.Join(", ", c.Categories),
                string.Join(", ", c.AgencyIds.Select(s.AgencyName)));
        }

        return table;
    }

    private static SheetTable Learning(LearningSummary s)
    {
        var references = s.Cases.ToDictionary(c => c.Id, c => c.Reference);
        var table = new SheetTable(LearningSheet, "Learning points",
            "What the round taught: strengths and areas for development, with the questions and cases that evidence them.", "Table_learning",
            [new("Kind", Width: 22), new("Learning point", MaxWidth: 80), new("Questions", MaxWidth: 30), new("Cases", MaxWidth: 40), new("Recorded on", CellKind.Date, Width: 13)]);
        foreach (var l in s.Learning)
        {
            table.Add(LearningPoint.KindLabel(l.Kind), l.Text,
                l.QuestionIds.Count == 0 ? Shorthand.NotApplicable : string.Join(", ", l.QuestionIds),
                l.CaseIds.Count == 0 ? Shorthand.NotApplicable : string.Join(", ", l.CaseIds.Select(id => references.GetValueOrDefault(id, id))),
                UkTime.Day(l.RecordedAt));
        }

        return table;
    }

    private static SheetTable ActionPlan(LearningSummary s)
    {
        var learning = s.Learning.ToDictionary(l => l.Id);
        var columns = ActionPlanHeaders.Select((h, i) => i switch
        {
            0 => new SheetColumn(h, Width: 7),
            1 => new SheetColumn(h, Width: 12),
            4 or 5 => new SheetColumn(h, MaxWidth: 30),
            6 => new SheetColumn(h, CellKind.Date, Width: 13),
            7 => new SheetColumn(h, Width: 12),
            _ => new SheetColumn(h, MaxWidth: 50),
        }).ToList();
        var table = new SheetTable(ActionPlanSheet, $"Action plan: {s.Template.Theme}",
            "The theme's action plan, carried over between rounds until each action is closed. RAG and Current position can be edited and uploaded back [note 9].",
            "Table_action_plan", columns)
        {
            Format = (_, data) =>
            {
                if (s.Actions.Count > 0)
                {
                    data.Range(1, ActionPlanRagColumn, data.RowCount(), ActionPlanRagColumn).SetDataValidation()
                        .List($"\"{string.Join(",", RagChoices)}\"", true);
                }
            },
        };
        foreach (var a in s.Actions)
        {
            var answers = a.LearningPointIds.Where(learning.ContainsKey).Select(id => Shorten(learning[id].Text)).ToList();
            table.Add(a.Ref, a.Workstream, a.Aim, a.Activity, a.LeadName, s.AgencyName(a.LeadAgencyId), a.Timescale,
                a.Closed ? Complete : a.Rag.ToString(),
                a.Progress.Count == 0 ? "No progress recorded yet" : a.Progress[^1].Text,
                answers.Count == 0 ? Shorthand.NotApplicable : string.Join("; ", answers));
        }

        return table;
    }

    public static string CurrentPosition(PlanAction a) => a.Progress.Count == 0 ? "No progress recorded yet" : a.Progress[^1].Text;

    private static SheetTable CaseActions(LearningSummary s)
    {
        var references = s.Cases.ToDictionary(c => c.Id, c => c.Reference);
        var table = new SheetTable(CaseActionsSheet, "Case actions",
            "Actions for one agency on one sampled case, found while auditing, and whether they are done.", "Table_case_actions",
            [new("Case reference", Width: 16), new("Agency", MaxWidth: 40), new("Action", MaxWidth: 70), new("Due", CellKind.Date, Width: 13), new("Done", Width: 8),
                new("Done on", CellKind.Date, Width: 13)]);
        foreach (var a in s.CaseActions)
        {
            table.Add(references.GetValueOrDefault(a.CaseId, a.CaseId), s.AgencyName(a.AgencyId), a.What, a.Due, a.Done ? "Yes" : "No",
                a.DoneAt is { } at ? UkTime.Day(at) : Shorthand.NotApplicable);
        }

        return table;
    }

    private static SheetTable RawGradings(LearningSummary s)
    {
        var table = new SheetTable(RawGradingsSheet, "Raw gradings (Coordinator's copy only)",
            "One row per case, agency and question from submitted returns, with the evidence each auditor gave and the panel's agreed grade.", "Table_raw_gradings",
            [new("Case reference", Width: 16), new("Agency", MaxWidth: 36), new("Template version", Width: 10), new("Question id", Width: 12), new("Question", MaxWidth: 50),
                new("Grade", Width: 22), new("Not applicable reason", MaxWidth: 40), new("Evidence", MaxWidth: 80), new("Agreed grade", Width: 22)]);
        foreach (var row in RawGradingRows.For(s.Template, s.Cases, s.SubmittedReturns, s.Moderations, s.AgencyName))
        {
            table.Add(row.CaseReference, row.Agency, s.Template.Version, row.QuestionId, row.QuestionText, row.Grade, row.NotApplicableReason, row.Evidence, row.AgreedGrade);
        }

        return table;
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..97] + "...";
}

/// Dates and times as people in England read them, whatever the server's time zone.
public static class UkTime
{
    private static readonly TimeZoneInfo Zone = FindZone();

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    public static DateTime Of(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(Of(utc));

    public static string Date(DateTime utc) => Of(utc).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string DateAndTime(DateTime utc) => Of(utc).ToString("d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture);
}
