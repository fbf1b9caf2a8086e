using ClosedXML.Excel;
using CaseAudit.Tests.Domain.Findings;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Domain.Findings;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Excel;
using static CaseAudit.Tests.Domain.Findings.FindingsData;

namespace CaseAudit.Tests.Excel;

/// A small round whose every number is known, written and read back cell by cell.
public sealed class LearningSummaryWorkbookTests
{
    private const string Police = "police";
    private const string Health = "health";

    // Two questions in one section; case c1 moderated by the panel, c2 not.
    private static LearningSummary Known(SummaryCopy copy, string learningText = "Chronologies were used well", string evidence = "Chronology up to date")
    {
        var template = Template("1.0", Section("s1", Graded("Q1", 6), Graded("Q2", 6, 10)));
        var round = new Round
        {
            Id = "r1", Title = "JTAI: spring 2026", TemplateId = template.Id, TemplateVersion = "1.0", Status = RoundStatus.Published,
            PeriodFrom = new DateOnly(2026, 1, 1), PeriodTo = new DateOnly(2026, 3, 31), GradingDeadline = new DateOnly(2026, 5, 1), AgencyIds = [Police, Health],
            History = [new StatusChange(RoundStatus.Panel, RoundStatus.Published, new DateTime(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc), "qa", null)],
        };
        var c1 = Case("c1", "0–2", "Child protection", "Physical");
        var c2 = Case("c2", "12–18", "Child in need", "Emotional", "Physical");
        c1.AgencyIds = [Police, Health];
        c2.AgencyIds = [Police, Health];
        Answer A(string grade) => new() { Grade = grade, Evidence = evidence };
        var returns = new List<AgencyReturn>
        {
            new() { Id = "c1.police", RoundId = "r1", CaseId = "c1", AgencyId = Police, Status = ReturnStatus.Submitted, OverallGrade = Good, Answers = new() { ["Q1"] = A(Good), ["Q2"] = A(Inadequate) } },
            new() { Id = "c1.health", RoundId = "r1", CaseId = "c1", AgencyId = Health, Status = ReturnStatus.Submitted, Answers = new() { ["Q1"] = A(Good), ["Q2"] = A(RequiresImprovement) } },
            new() { Id = "c2.police", RoundId = "r1", CaseId = "c2", AgencyId = Police, Status = ReturnStatus.Submitted, OverallGrade = Outstanding,
                Answers = new() { ["Q1"] = A(Outstanding), ["Q2"] = new Answer { NotApplicable = true, NotApplicableReason = "No police involvement in the period" } } },
        };
        var moderation = new CaseModeration
        {
            Id = "c1", RoundId = "r1", CaseId = "c1", Status = ModerationStatus.Moderated, OverallGrade = RequiresImprovement,
            Agreed = new() { ["Q1"] = new AgreedGrade { Grade = Good }, ["Q2"] = new AgreedGrade { Grade = RequiresImprovement } },
        };
        var agencyGradings = Gradings.FromReturns(returns, template);
        var counted = agencyGradings.Where(g => g.CaseId != "c1")
            .Concat(moderation.Agreed.Select(a => new Grading("c1", Grading.Panel, a.Key, a.Value.Grade, false))).ToList();
        var names = new Dictionary<string, string> { [Police] = "Northshire Police", [Health] = "Northshire Health", [Grading.Panel] = Grading.PanelLabel };
        var findings = FindingsCalculator.For(template, [c1, c2], counted, names);
        var agreement = Agreement.Between(agencyGradings.Where(g => g.CaseId == "c1").ToList(),
            moderation.Agreed.Select(a => new Grading("c1", Grading.Panel, a.Key, a.Value.Grade, false)).ToList(), template.Scale);
        var learning = new LearningPoint { Id = "l1", RoundId = "r1", Kind = LearningKind.Strength, Text = learningText, QuestionIds = ["Q1"], CaseIds = ["c1"], RecordedAt = new DateTime(2026, 5, 20, 23, 30, 0, DateTimeKind.Utc) };
        var action = new PlanAction
        {
            Id = "a1", TemplateId = template.Id, RoundId = "r1", Ref = "A1", Workstream = "Practice", Aim = "Chronologies in every case", Activity = "Audit quarterly",
            LeadName = "Sam Lead", LeadAgencyId = Police, Timescale = new DateOnly(2026, 9, 30), Rag = Rag.Amber, LearningPointIds = ["l1"],
            Progress = [new ProgressUpdate(new DateTime(2026, 6, 2, 0, 0, 0, DateTimeKind.Utc), "qa", "Training booked", Rag.Amber)],
        };
        var caseAction = new CaseAction { Id = "ca1", RoundId = "r1", CaseId = "c2", AgencyId = Health, What = "Update the chronology", Due = new DateOnly(2026, 7, 1) };
        return new LearningSummary("Northshire Safeguarding Children Partnership", copy, round, template, findings,
            "Agreed grades for the 1 of 2 cases moderated so far; each agency's own submitted grades for the rest.",
            null, null, agreement, [c1, c2], names, agencyGradings, [moderation], [learning], [action], [caseAction],
            [new AgencyOverallGrade("c2", Police, Outstanding)], copy == SummaryCopy.Coordinator ? returns : [],
            new DateTime(2026, 6, 3, 12, 0, 0, DateTimeKind.Utc), "qa.lead");
    }

    private static XLWorkbook Written(LearningSummary summary, out byte[] content)
    {
        using var buffer = new MemoryStream();
        LearningSummaryWorkbook.Write(summary, buffer);
        content = buffer.ToArray();
        return new XLWorkbook(new MemoryStream(content));
    }

    private static IXLTableRow Row(IXLWorksheet sheet, int index) => sheet.Tables.Single().DataRange.Row(index);

    [Fact]
    public void The_cover_says_what_the_round_audited_and_links_to_every_sheet()
    {
        using var wb = Written(Known(SummaryCopy.Board), out _);
        var cover = wb.Worksheet("Cover");
        Assert.Equal("Learning summary: JTAI: spring 2026", cover.Cell("A1").GetString());
        var lines = cover.Column(1).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains(lines, l => l.Contains("JTAI key areas (neglect)") && l.StartsWith("What this audit looked at"));
        Assert.Contains(lines, l => l == "Why: Test template");
        Assert.Contains(lines, l => l.Contains("1 January 2026 to 31 March 2026"));
        Assert.Contains(lines, l => l.Contains("id jtai-neglect, version 1.0"));
        Assert.Contains(lines, l => l.Contains("1 of 2 cases moderated"));
        Assert.Contains(lines, l => l.StartsWith("[x] means no data"));
        Assert.Contains(lines, l => l.StartsWith("[z] means not applicable"));
        Assert.Contains(lines, l => l.Contains("published on 1 June 2026"));
        var linked = cover.Column(1).CellsUsed().Where(c => c.HasHyperlink).Select(c => c.GetString()).ToList();
        Assert.Equal(wb.Worksheets.Select(w => w.Name).Skip(1), linked);
        Assert.Equal("Learning summary: JTAI: spring 2026", wb.Properties.Title);
        Assert.Equal("Northshire Safeguarding Children Partnership", wb.Properties.Author);
        Assert.Equal("JTAI key areas (neglect)", wb.Properties.Subject);
        Assert.Equal("id:r1", wb.CustomProperties.CustomProperty(WorkbookIdentity.RoundId).GetValue<string>());
        Assert.True(cover.TabActive);
        Assert.Equal("A1", cover.ActiveCell?.Address.ToString());
    }

    [Fact]
    public void Every_sheet_prints_landscape_one_page_wide_with_its_header_row_repeated()
    {
        using var wb = Written(Known(SummaryCopy.Coordinator), out _);
        foreach (var sheet in wb.Worksheets)
        {
            Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
            Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
            Assert.Equal(1, sheet.PageSetup.PagesWide);
            if (sheet.Name != "Cover")
            {
                Assert.Equal(3, sheet.PageSetup.FirstRowToRepeatAtTop);
                Assert.Equal(3, sheet.PageSetup.LastRowToRepeatAtTop);
            }
        }
    }

    [Fact]
    public void Headlines_hold_rates_as_numbers_formatted_as_percentages()
    {
        using var wb = Written(Known(SummaryCopy.Board), out _);
        var sheet = wb.Worksheet("Headlines");
        Assert.Equal("Headlines", sheet.Cell("A1").GetString());
        Assert.Equal("Table_headlines", sheet.Tables.Single().Name);
        Assert.Equal(3, sheet.Tables.Single().RangeAddress.FirstAddress.RowNumber);
        var overall = Row(sheet, 1);
        Assert.Equal("Overall", overall.Cell(1).GetString());
        // Counted: c1 agreed Good + RI, c2 police Outstanding (+ N/A not counted) = 3 grades, 2 good or better.
        Assert.Equal(3, overall.Cell(3).GetDouble());
        Assert.Equal(2, overall.Cell(4).GetDouble());
        Assert.Equal(XLDataType.Number, overall.Cell(5).DataType);
        Assert.Equal(2.0 / 3, overall.Cell(5).GetDouble(), 6);
        Assert.Equal("0%", overall.Cell(5).Style.NumberFormat.Format);
        // No previous round: the trend columns are not applicable.
        Assert.Equal("[z]", overall.Cell(6).GetString());
        Assert.Equal("[z]", overall.Cell(8).GetString());
        var agencies = sheet.Tables.Single().DataRange.Rows().Where(r => r.Cell(1).GetString() == "Agency").Select(r => r.Cell(2).GetString()).ToList();
        Assert.Equal(["Northshire Police"], agencies);
        // The panel's agreed grades are a row of their own, never one of the agencies.
        var panel = Assert.Single(sheet.Tables.Single().DataRange.Rows(), r => r.Cell(1).GetString() == "Panel");
        Assert.Equal("Panel's agreed grade (moderated cases; not an agency)", panel.Cell(2).GetString());
        Assert.Equal(2, panel.Cell(3).GetDouble()); // c1 agreed Good + RI
        Assert.Equal(["Northshire Police", "Panel's agreed grade (moderated cases; not an agency)"],
            wb.Worksheet("By agency").Tables.Single().DataRange.Rows().Select(r => r.Cell(1).GetString()));
    }

    [Fact]
    public void Distributions_are_counts_with_n_and_rate_in_template_order()
    {
        using var wb = Written(Known(SummaryCopy.Board), out _);
        var byQuestion = wb.Worksheet("By question");
        Assert.Equal(["Question id", "Question", "Outstanding", "Good", "Requires improvement", "Inadequate", "Not applicable", "Grades counted (n)", "Good or better", "% good or better"],
            byQuestion.Tables.Single().HeadersRow().Cells().Select(c => c.GetString()));
        var q2 = Row(byQuestion, 2);
        Assert.Equal("Q2", q2.Cell(1).GetString());
        Assert.Equal(1, q2.Cell(5).GetDouble()); // Requires improvement (agreed, c1)
        Assert.Equal(1, q2.Cell(7).GetDouble()); // Not applicable (c2 police)
        Assert.Equal(1, q2.Cell(8).GetDouble());
        Assert.Equal(0, q2.Cell(10).GetDouble());
        Assert.Equal("#,##0", q2.Cell(8).Style.NumberFormat.Format);

        var groups = wb.Worksheet("By sample group").Tables.Single().DataRange.Rows().Select(r => $"{r.Cell(1).GetString()}: {r.Cell(2).GetString()}").ToList();
        Assert.Equal(["Age band: 0–2", "Age band: 12–18", "Level: Child in need", "Level: Child protection", "Neglect category: Emotional", "Neglect category: Physical"], groups);
        Assert.Equal("Table_by_jtai_point", wb.Worksheet("By JTAI point").Tables.Single().Name);
    }

    [Fact]
    public void The_heat_map_has_a_number_in_every_graded_cell_no_data_marked_and_a_colour_scale()
    {
        using var wb = Written(Known(SummaryCopy.Board), out _);
        var sheet = wb.Worksheet("Heat map");
        var headers = sheet.Tables.Single().HeadersRow().Cells().Select(c => c.GetString()).ToList();
        Assert.Equal(["Question id", "Question", "Northshire Health", "Northshire Police", "Panel's agreed grade"], headers);
        var q1 = Row(sheet, 1);
        Assert.Equal(1.0, q1.Cell(3).GetDouble()); // health: Good on c1
        Assert.Equal(1.0, q1.Cell(4).GetDouble()); // police: Good, Outstanding
        var q2 = Row(sheet, 2);
        Assert.Equal(0.0, q2.Cell(3).GetDouble()); // health: Requires improvement
        Assert.Equal(0.0, q2.Cell(4).GetDouble()); // police: Inadequate (N/A not counted)
        Assert.Equal("0%", q2.Cell(3).Style.NumberFormat.Format);
        Assert.NotEmpty(sheet.ConditionalFormats);
    }

    [Fact]
    public void Agreement_shows_n_exact_and_kappa_with_no_data_where_kappa_cannot_be_worked_out()
    {
        using var wb = Written(Known(SummaryCopy.Board), out _);
        var rows = wb.Worksheet("Agreement").Tables.Single().DataRange.Rows().ToList();
        var overall = rows[0];
        Assert.Equal(4, overall.Cell(3).GetDouble()); // 2 agencies × 2 questions on c1
        Assert.Equal(0.75, overall.Cell(4).GetDouble(), 6); // police Q2 Inadequate vs RI is the one miss
        var police = rows.Single(r => r.Cell(2).GetString() == "Northshire Police");
        Assert.Equal(2, police.Cell(3).GetDouble());
        // 2 paired grades: too few to measure kappa, so [x], with % exact agreement still given.
        Assert.Equal("[x]", police.Cell(5).GetString());
        Assert.Equal(0.5, police.Cell(4).GetDouble(), 6);
        var q1 = rows.Single(r => r.Cell(2).GetString().StartsWith("Q1:"));
        // Both sides said Good throughout: kappa is undefined, not 0 or 1.
        Assert.Equal("[x]", q1.Cell(5).GetString());
        var notes = wb.Worksheet("Notes").Tables.Single().DataRange.Rows().Select(r => r.Cell(2).GetString()).ToList();
        Assert.Contains(notes, n => n.Contains("[x] where there are not enough grades to measure it: fewer than 5 paired grades")
            && n.Contains("undefined, not 0"));
    }

    [Fact]
    public void The_case_grid_shows_agreed_grades_or_each_agency_s_own_and_says_which()
    {
        using var wb = Written(Known(SummaryCopy.Board), out _);
        var rows = wb.Worksheet("Case grid").Tables.Single().DataRange.Rows().ToList();
        Assert.Equal(["NS-c1", "Agreed (moderated)", "Good", "Requires improvement", "Requires improvement"], rows[0].Cells().Select(c => c.GetString()));
        Assert.Equal(["NS-c2", "Single-agency grades", "Northshire Police: Outstanding", "Northshire Police: Not applicable", "Northshire Police: Outstanding"],
            rows[1].Cells().Select(c => c.GetString()));
    }

    [Fact]
    public void Sample_learning_actions_and_case_actions_hold_dates_as_dates_and_the_rag_as_a_dropdown()
    {
        using var wb = Written(Known(SummaryCopy.Board), out _);
        var sample = Row(wb.Worksheet("Sample"), 2);
        Assert.Equal(["NS-c2", "12–18", "Child in need", "Emotional, Physical", "Northshire Police, Northshire Health"], sample.Cells().Select(c => c.GetString()));

        var learning = Row(wb.Worksheet("Learning"), 1);
        Assert.Equal("Strength", learning.Cell(1).GetString());
        Assert.Equal("NS-c1", learning.Cell(4).GetString());
        // 23:30 UTC on 20 May is 00:30 on 21 May in British Summer Time.
        Assert.Equal(XLDataType.DateTime, learning.Cell(5).DataType);
        Assert.Equal(new DateTime(2026, 5, 21), learning.Cell(5).GetDateTime());

        var plan = wb.Worksheet("Action plan");
        Assert.Equal(LearningSummaryWorkbook.ActionPlanHeaders, plan.Tables.Single().HeadersRow().Cells().Select(c => c.GetString()));
        var action = Row(plan, 1);
        Assert.Equal("A1", action.Cell(1).GetString());
        Assert.Equal(new DateTime(2026, 9, 30), action.Cell(7).GetDateTime());
        Assert.Equal("d mmm yyyy", action.Cell(7).Style.NumberFormat.Format);
        Assert.Equal("Amber", action.Cell(8).GetString());
        Assert.Equal("Training booked", action.Cell(9).GetString());
        Assert.Equal("Chronologies were used well", action.Cell(10).GetString());
        var validation = action.Cell(8).DataValidation;
        Assert.Equal(XLAllowedValues.List, validation.AllowedValues);
        Assert.Equal("\"Red,Amber,Green\"", validation.Value);

        var caseAction = Row(wb.Worksheet("Case actions"), 1);
        Assert.Equal(["NS-c2", "Northshire Health", "Update the chronology"], caseAction.Cells().Take(3).Select(c => c.GetString()));
        Assert.Equal(new DateTime(2026, 7, 1), caseAction.Cell(4).GetDateTime());
        Assert.Equal("No", caseAction.Cell(5).GetString());
        Assert.Equal("[z]", caseAction.Cell(6).GetString());
    }

    [Fact]
    public void The_coordinator_copy_adds_one_raw_row_per_case_agency_and_question_and_the_board_copy_has_no_evidence()
    {
        using var full = Written(Known(SummaryCopy.Coordinator, evidence: "Seen on 3 March: no chronology"), out var fullBytes);
        var raw = full.Worksheet("Raw gradings").Tables.Single();
        Assert.Equal(6, raw.DataRange.RowCount());
        var naRow = raw.DataRange.Rows().Single(r => r.Cell(6).GetString() == "Not applicable");
        Assert.Equal("No police involvement in the period", naRow.Cell(7).GetString());
        Assert.Equal("Not moderated", naRow.Cell(9).GetString());
        Assert.Contains(raw.DataRange.Rows(), r => r.Cell(8).GetString() == "Seen on 3 March: no chronology" && r.Cell(9).GetString() == "Requires improvement");
        Assert.Empty(WorkbookChecks.SchemaErrors(fullBytes));

        using var board = Written(Known(SummaryCopy.Board, evidence: "Seen on 3 March: no chronology"), out var boardBytes);
        Assert.False(board.Worksheets.Contains("Raw gradings"));
        Assert.DoesNotContain(WorkbookChecks.AllText(board), t => t.Contains("Seen on 3 March"));
        Assert.Empty(WorkbookChecks.SchemaErrors(boardBytes));
        Assert.Empty(WorkbookChecks.AccessibilityProblems(board));
        Assert.Empty(WorkbookChecks.AccessibilityProblems(full));
    }

    [Theory]
    [InlineData("00123")]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"Click\")")]
    [InlineData("+44 1234")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void Whatever_a_person_typed_stays_text_exactly_and_never_becomes_a_formula(string typed)
    {
        using var wb = Written(Known(SummaryCopy.Coordinator, learningText: typed, evidence: typed), out var content);
        foreach (var cell in new[] { Row(wb.Worksheet("Learning"), 1).Cell(2), Row(wb.Worksheet("Raw gradings"), 1).Cell(8) })
        {
            Assert.False(cell.HasFormula);
            Assert.Equal(XLDataType.Text, cell.DataType);
            // A lone carriage return is a line break in a cell, as XML reads it back.
            Assert.Equal(typed.Replace('\r', '\n'), cell.GetString());
        }

        Assert.Empty(WorkbookChecks.SchemaErrors(content));
    }

    [Fact]
    public void Control_characters_xml_cannot_hold_are_removed_not_crashed_on()
    {
        using var wb = Written(Known(SummaryCopy.Coordinator, learningText: "Bell\u0007 form\u000C feed\u0000 and \uFFFE lone \uD800 surrogate", evidence: "a\u0001b"), out var content);
        Assert.Equal("Bell form feed and  lone  surrogate", Row(wb.Worksheet("Learning"), 1).Cell(2).GetString());
        Assert.Equal("ab", Row(wb.Worksheet("Raw gradings"), 1).Cell(8).GetString());
        Assert.Empty(WorkbookChecks.SchemaErrors(content));
    }

    [Fact]
    public async Task LibreOffice_opens_every_sheet_of_both_copies_with_the_numbers_as_a_reader_sees_them()
    {
        foreach (var copy in new[] { SummaryCopy.Board, SummaryCopy.Coordinator })
        {
            var path = Path.Combine(Path.GetTempPath(), $"caseaudit-summary-{Guid.NewGuid():N}.xlsx");
            using (var file = File.Create(path))
            {
                LearningSummaryWorkbook.Write(Known(copy, evidence: "00123 seen"), file);
            }

            try
            {
                using var wb = new XLWorkbook(path);
                var sheets = await LibreOffice.ConvertEverySheetToCsvAsync(path);
                Assert.Equal(wb.Worksheets.Select(w => w.Name), sheets.Select(s => s.Sheet));
                var headlines = sheets.Single(s => s.Sheet == "Headlines").Csv;
                Assert.Contains("Overall,All graded questions,3,2,67%", headlines);
                Assert.Equal(copy == SummaryCopy.Coordinator, sheets.Any(s => s.Csv.Contains("00123 seen")));
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    [Fact]
    public void The_accessibility_check_itself_catches_a_workbook_that_breaks_the_rules()
    {
        using var bad = new XLWorkbook();
        bad.Worksheets.Add("Sheet1").Range("A1:B1").Merge();
        bad.Worksheet("Sheet1").Cell("A3").Value = 1;
        var problems = WorkbookChecks.AccessibilityProblems(bad);
        Assert.Contains(problems, p => p.Contains("no title property"));
        Assert.Contains(problems, p => p.Contains("merged cells"));
        Assert.Contains(problems, p => p.Contains("no title in A1"));
        Assert.Contains(problems, p => p.Contains("has 0 tables"));
    }
}
