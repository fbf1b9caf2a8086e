using System.Text;
using CaseAudit.Tests.Pages.Moderation;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Excel;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Excel;

/// One real export of a round in Panel with three plan actions, shared by the tests below, which
/// each edit a copy of it and read it back against the plan.
public sealed class ExportedPlan : IDisposable
{
    private readonly CaseAuditApp _app = new();

    public ExportedPlan()
    {
        // A fixed id no number reads as: the tests that write a bare id back would otherwise meet
        // the ClosedXML number rule below about one run in 250.
        var fixture = PanelRound.Create(_app, "plan-round");
        Round = fixture.Round;
        var store = _app.Services.GetRequiredService<CaseAuditStore>();
        RoundFixture.PlanAction(_app, Round);
        var a2 = RoundFixture.PlanAction(_app, Round);
        a2.Rag = Rag.Amber;
        a2.Progress.Add(new ProgressUpdate(DateTime.UtcNow.AddDays(-7), "someone", "Workshops booked\r\nfor March", Rag.Amber));
        a2.Version = 3;
        store.PlanActions.Update(a2);
        RoundFixture.PlanAction(_app, Round, closed: true);
        Plan = store.PlanActions.FindAll().OrderBy(a => a.Ref).ToList();
        Content = _app.Services.GetRequiredService<LearningSummaryExport>().Write(Round, SummaryCopy.Coordinator, PlanWorkbook.Exporter).Content;
    }

    public Round Round { get; }

    public IReadOnlyList<PlanAction> Plan { get; }

    public byte[] Content { get; }

    public ActionPlanUploadResult Read(byte[] content, string fileName = "plan.xlsx") => ActionPlanUpload.Read(fileName, content, Round, Plan);

    public ActionPlanUploadResult ReadEdited(Action<IXLWorksheet> change) => Read(PlanWorkbook.Edit(Content, change));

    public void Dispose() => _app.Dispose();
}

public sealed class ActionPlanUploadTests(ExportedPlan exported) : IClassFixture<ExportedPlan>
{
    private static string Problem(ActionPlanUploadResult result) => Assert.Single(result.Problems).ToString();

    private static void Refused(ActionPlanUploadResult result, params string[] expected)
    {
        Assert.Empty(result.Changes);
        Assert.Equal(expected, result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Changed_rag_and_current_position_are_read_per_action_by_ref()
    {
        var result = exported.ReadEdited(sheet =>
        {
            PlanWorkbook.Set(sheet, 4, rag: "Amber", position: "Two workshops delivered");
            PlanWorkbook.Set(sheet, 5, rag: "Green");
        });

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        var a1 = exported.Plan[0];
        var a2 = exported.Plan[1];
        Assert.Equal(
            [
                new ProgressChange("A1", a1.Id, 1, Rag.Red, Rag.Amber, "No progress recorded yet", "Two workshops delivered"),
                new ProgressChange("A2", a2.Id, 3, Rag.Amber, Rag.Green, "Workshops booked\nfor March", "Workshops booked\nfor March"),
            ],
            result.Changes);
        Assert.False(result.Changes[1].PositionChanged);
    }

    /// Found by a CI run: ClosedXML 0.95.4 writes a custom property whose text parses as a
    /// number as a number, so a round whose id happened to read as one (1234e5678901, about 1
    /// round in 250) exported its identity as "Infinity", and its action plan could never be
    /// uploaded back ("from another round").
    [Theory]
    [InlineData("1234e5678901")]
    [InlineData("123456789012")]
    [InlineData("00012")]
    public void A_round_whose_id_reads_as_a_number_still_recognises_its_own_workbook(string roundId)
    {
        using var app = new CaseAuditApp();
        var round = PanelRound.Create(app, roundId).Round;
        RoundFixture.PlanAction(app, round);
        var plan = app.Services.GetRequiredService<CaseAuditStore>().PlanActions.FindAll().ToList();
        var content = app.Services.GetRequiredService<LearningSummaryExport>().Write(round, SummaryCopy.Coordinator, PlanWorkbook.Exporter).Content;

        Refused(ActionPlanUpload.Read("plan.xlsx", PlanWorkbook.Edit(content, _ => { }), round, plan), ActionPlanUpload.NothingToApply);
        Assert.True(ActionPlanUpload.Read("plan.xlsx", PlanWorkbook.Edit(content, sheet => PlanWorkbook.Set(sheet, 4, rag: "Green")), round, plan).Succeeded);
    }

    [Fact]
    public void A_workbook_exported_before_ids_were_prefixed_is_still_this_rounds()
    {
        var bare = PlanWorkbook.EditBook(exported.Content, b => PlanWorkbook.SetIdentity(b, WorkbookIdentity.RoundId, exported.Round.Id));

        Refused(exported.Read(bare), ActionPlanUpload.NothingToApply);
    }

    [Fact]
    public void An_untouched_export_has_nothing_to_apply_even_with_a_multi_line_position_and_a_closed_action()
    {
        Refused(exported.Read(exported.Content), ActionPlanUpload.NothingToApply);
        Refused(exported.ReadEdited(sheet => PlanWorkbook.Set(sheet, 4, rag: "red", position: "  No progress recorded yet  ")), ActionPlanUpload.NothingToApply);
    }

    [Fact]
    public void Text_is_trimmed_and_a_number_is_read_as_its_text_never_calculated()
    {
        var result = exported.ReadEdited(sheet =>
        {
            PlanWorkbook.Set(sheet, 4, rag: "  green ");
            sheet.Cell(4, LearningSummaryWorkbook.ActionPlanPositionColumn).SetValue(42.5);
        });

        var change = Assert.Single(result.Changes);
        Assert.Equal((Rag.Green, "42.5"), (change.NewRag, change.NewPosition));
    }

    [Fact]
    public void Blank_rows_and_rows_after_the_table_are_ignored()
    {
        var result = exported.ReadEdited(sheet =>
        {
            PlanWorkbook.Set(sheet, 4, position: "Started");
            sheet.Row(5).Cells(1, LearningSummaryWorkbook.ActionPlanHeaders.Count).Clear(XLClearOptions.Contents);
            sheet.Cell(12, 1).SetValue<string>("Board notes: A9 to be raised next time");
            sheet.Cell(13, LearningSummaryWorkbook.ActionPlanRagColumn).SetValue<string>("Purple");
        });

        Assert.Equal(["A1"], result.Changes.Select(c => c.Ref));
    }

    public static TheoryData<string, string> NotWorkbooks => new()
    {
        { "wrong extension", ActionPlanUpload.WrongType },
        { "not a zip", ActionPlanUpload.WrongType },
        { "renamed docx", ActionPlanUpload.Unreadable },
        { "truncated", ActionPlanUpload.Unreadable },
        { "empty", ActionPlanUpload.Empty },
        { "over 5 MB", ActionPlanUpload.TooBig },
        { "zip bomb", ActionPlanUpload.TooLargeOpened },
    };

    [Theory]
    [MemberData(nameof(NotWorkbooks))]
    public void A_file_that_is_not_a_workbook_is_refused_before_anything_is_read(string kind, string message)
    {
        var (name, content) = kind switch
        {
            "wrong extension" => ("plan.csv", exported.Content),
            "not a zip" => ("plan.xlsx", Encoding.UTF8.GetBytes("Ref,RAG\nA1,Green\n")),
            "renamed docx" => ("minutes.xlsx", PlanWorkbook.WordDocument()),
            "truncated" => ("plan.xlsx", exported.Content[..(exported.Content.Length / 2)]),
            "empty" => ("plan.xlsx", Array.Empty<byte>()),
            "over 5 MB" => ("plan.xlsx", new byte[ActionPlanUpload.MaxBytes + 1]),
            _ => ("plan.xlsx", PlanWorkbook.ZipBomb()),
        };

        Refused(exported.Read(content, name), message);
    }

    [Fact]
    public void A_workbook_without_the_action_plan_sheet_is_refused()
    {
        var content = PlanWorkbook.EditBook(exported.Content, book => book.Worksheet(LearningSummaryWorkbook.ActionPlanSheet).Delete());

        Assert.Contains("no \"Action plan\" sheet", Problem(exported.Read(content)));
    }

    [Theory]
    [InlineData(WorkbookIdentity.RoundId, null, ActionPlanUpload.NotThisRound)]
    [InlineData(WorkbookIdentity.TemplateId, null, ActionPlanUpload.NotThisRound)]
    [InlineData(WorkbookIdentity.RoundId, "another-round", "from another round of this theme")]
    [InlineData(WorkbookIdentity.TemplateId, "lived-experience", "another theme (lived-experience)")]
    public void A_workbook_of_another_round_or_theme_or_not_exported_by_caseaudit_is_refused(string property, string? value, string message)
    {
        var content = PlanWorkbook.EditBook(exported.Content, book => PlanWorkbook.SetIdentity(book, property, value));

        Assert.Contains(message, Problem(exported.Read(content)));
    }

    [Fact]
    public void A_changed_header_row_names_the_column()
    {
        var result = exported.ReadEdited(sheet =>
        {
            sheet.Cell(3, 8).SetValue<string>("Rating");
            sheet.Cell(3, 11).SetValue<string>("Comments");
        });

        Refused(result,
            "Row 3: column H should be headed \"RAG [note 9]\", not \"Rating\". Put the header row back as it was exported",
            "Row 3: column K is not part of the action plan table. Put the header row back as it was exported");
    }

    public static TheoryData<string, string> BadRows => new()
    {
        { "unknown ref", "Row 4: Ref A9 is not an action in this plan" },
        { "empty ref", "Row 4: the Ref is empty; every row needs the Ref of its action, as exported" },
        { "ref twice", "Row 5: Ref A1 is also on row 4; keep one row per action" },
        { "bad rag", "Row 4: the RAG for action A1 must be Red, Amber or Green, not \"Purple\"" },
        { "empty rag", "Row 4: enter a RAG for action A1: Red, Amber or Green" },
        { "complete on an open action", "Row 4: the RAG for action A1 must be Red, Amber or Green, not \"Complete\" (close an action on its page in CaseAudit)" },
        { "closed action changed", "Row 6: action A3 is closed, so it cannot be changed; put back its RAG (Complete) and current position as exported" },
        { "closed action reopened", "Row 6: action A3 is closed, so it cannot be changed; put back its RAG (Complete) and current position as exported" },
        { "empty position", "Row 4: enter the current position for action A1" },
        { "position too long", "Row 4: the current position for action A1 must be 2000 characters or fewer" },
        { "formula", "Row 4: column I contains a formula; type the value instead" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void A_bad_row_is_refused_naming_the_row_and_nothing_is_read_from_the_good_ones(string kind, string message)
    {
        var result = exported.ReadEdited(sheet =>
        {
            // A good change on A2 that must not be returned when another row is refused.
            PlanWorkbook.Set(sheet, 5, rag: "Green", position: "Done well");
            switch (kind)
            {
                case "unknown ref": sheet.Cell(4, 1).SetValue<string>("A9"); break;
                case "empty ref": sheet.Cell(4, 1).SetValue<string>(" "); break;
                case "ref twice": sheet.Cell(5, 1).SetValue<string>("a1"); break;
                case "bad rag": PlanWorkbook.Set(sheet, 4, rag: "Purple"); break;
                case "empty rag": PlanWorkbook.Set(sheet, 4, rag: ""); break;
                case "complete on an open action": PlanWorkbook.Set(sheet, 4, rag: "Complete"); break;
                case "closed action changed": PlanWorkbook.Set(sheet, 6, position: "Reopened by the board"); break;
                case "closed action reopened": PlanWorkbook.Set(sheet, 6, rag: "Green"); break;
                case "empty position": PlanWorkbook.Set(sheet, 4, rag: "Green", position: "   "); break;
                case "position too long": PlanWorkbook.Set(sheet, 4, position: new string('x', ActionRules.MaxLength + 1)); break;
                case "formula": sheet.Cell(4, LearningSummaryWorkbook.ActionPlanPositionColumn).FormulaA1 = "=HYPERLINK(\"http://example.com\",\"click\")"; break;
            }
        });

        Refused(result, message);
    }

    [Fact]
    public void Every_bad_row_is_listed_in_row_order()
    {
        var result = exported.ReadEdited(sheet =>
        {
            PlanWorkbook.Set(sheet, 4, rag: "Blue");
            sheet.Cell(5, 1).SetValue<string>("A7");
        });

        Refused(result, "Row 4: the RAG for action A1 must be Red, Amber or Green, not \"Blue\"", "Row 5: Ref A7 is not an action in this plan");
    }
}
