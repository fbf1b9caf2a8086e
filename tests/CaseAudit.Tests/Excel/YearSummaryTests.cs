using ClosedXML.Excel;
using CaseAudit.Web.Actions;
using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Excel;
using CaseAudit.Web.Rounds;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Excel;

/// The year summary's figures for the demo's published round, and its action-plan counts.
public sealed class YearSummaryTests
{
    private static readonly Actor By = new(null, "test.coordinator");

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static PlanAction Action(CaseAuditStore store, Round round, string reference, Rag rag, DateOnly timescale, bool closed = false, DateTime? closedAt = null)
    {
        var action = new PlanAction
        {
            TemplateId = round.TemplateId, RoundId = round.Id, Ref = reference, Workstream = "Practice", Aim = "Aim", Activity = "Activity",
            LeadName = "Lead", LeadAgencyId = "police", Timescale = timescale, Rag = rag, Closed = closed, ClosedAt = closedAt,
        };
        store.PlanActions.Insert(action);
        return action;
    }

    private static (XLWorkbook Workbook, byte[] Content) Write(CaseAuditApp app, DateOnly from, DateOnly to)
    {
        var file = app.Services.GetRequiredService<YearSummaryExport>().Write(from, to, By);
        Assert.Equal(YearSummaryWorkbook.AuditType, file.Audit.Type);
        return (new XLWorkbook(new MemoryStream(file.Content)), file.Content);
    }

    [Fact]
    public async Task The_demo_round_published_in_the_period_shows_its_headline_agreement_and_no_previous_round()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var round = store.Rounds.FindById(DemoRounds.PublishedRoundId);
        // The demo's panel moderated every case, so agreement can be worked out.
        Assert.All(store.Cases.Find(c => c.RoundId == round.Id), c => Assert.Equal(ModerationStatus.Moderated, store.Moderations.FindById(c.Id).Status));
        var reader = app.Services.GetRequiredService<RoundFindingsReader>();
        var headline = reader.Read(round).Findings.Overall.Distribution;
        var agreement = reader.Agreement(round)!.Overall;

        var (workbook, content) = Write(app, Today.AddYears(-2), Today);

        using (workbook)
        {
            Assert.Empty(WorkbookChecks.SchemaErrors(content));
            Assert.Empty(WorkbookChecks.AccessibilityProblems(workbook));
            Assert.Equal(["Cover", "Contents", "Notes", YearSummaryWorkbook.RoundsSheet, YearSummaryWorkbook.PlansSheet], workbook.Worksheets.Select(w => w.Name));
            var row = Assert.Single(workbook.Worksheet(YearSummaryWorkbook.RoundsSheet).Table("Table_rounds_published").DataRange.Rows());
            Assert.Equal("Use of history: autumn 2025", row.Cell(2).GetString());
            Assert.Equal(UkTime.Day(YearSummaryReader.PublishedAt(round)!.Value).ToDateTime(TimeOnly.MinValue), row.Cell(3).GetDateTime());
            Assert.Equal(store.Cases.Count(c => c.RoundId == round.Id), row.Cell(4).GetValue<int>());
            Assert.Equal(headline.N, row.Cell(5).GetValue<int>());
            Assert.True(headline.N > 0);
            Assert.Equal(headline.GoodOrBetterRate!.Value, row.Cell(6).GetDouble(), 6);
            // No earlier published round of the theme: not applicable, not zero.
            Assert.All(Enumerable.Range(7, 4), c => Assert.Equal(Shorthand.NotApplicable, row.Cell(c).GetString()));
            Assert.Equal(agreement.N, row.Cell(11).GetValue<int>());
            Assert.True(agreement.N > 0);
            Assert.Equal(agreement.ExactAgreement!.Value, row.Cell(12).GetDouble(), 6);
            Assert.Equal(agreement.WeightedKappa.Value is { } k ? k.ToString("0.00000") : Shorthand.NoData,
                row.Cell(13).DataType == XLDataType.Number ? row.Cell(13).GetDouble().ToString("0.00000") : row.Cell(13).GetString());
        }
    }

    [Fact]
    public async Task Action_plans_count_rag_overdue_and_closed_in_the_period_with_unknown_closing_dates_as_x()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var round = store.Rounds.FindById(DemoRounds.PublishedRoundId);
        // A known plan in place of the demo's own.
        store.PlanActions.DeleteAll();
        Action(store, round, "A1", Rag.Red, Today.AddDays(-10));
        Action(store, round, "A2", Rag.Amber, Today.AddDays(30));
        Action(store, round, "A3", Rag.Green, Today.AddDays(-5));
        var closing = Action(store, round, "A4", Rag.Green, Today.AddDays(-40));
        Action(store, round, "A5", Rag.Green, Today.AddDays(-400), closed: true, closedAt: DateTime.UtcNow.AddYears(-3));
        // Actions of a round still in grading are not the board's yet.
        Action(store, store.Rounds.FindById(DemoRounds.GradingRoundId), "A6", Rag.Red, Today.AddDays(-10));

        Assert.Null(await app.Services.GetRequiredService<ActionDesk>().CloseAsync(closing.Id, closing.Version, By));
        Assert.NotNull(store.PlanActions.FindById(closing.Id).ClosedAt);

        var (workbook, content) = Write(app, Today.AddYears(-1), Today);
        using (workbook)
        {
            Assert.Empty(WorkbookChecks.SchemaErrors(content));
            var row = Assert.Single(workbook.Worksheet(YearSummaryWorkbook.PlansSheet).Table("Table_action_plans").DataRange.Rows());
            Assert.Equal(round.TemplateId, row.Cell(2).GetString());
            // Red, Amber, Green, Complete, Overdue, Closed in the period, Closed on an unknown date.
            Assert.Equal([1, 1, 1, 2, 2, 1, 0], Enumerable.Range(3, 7).Select(c => row.Cell(c).GetValue<int>()));
        }

        // An older closed action without a closing date makes the period's count unknown.
        Action(store, round, "A7", Rag.Green, Today.AddDays(-100), closed: true);
        (workbook, _) = Write(app, Today.AddYears(-1), Today);
        using (workbook)
        {
            var row = Assert.Single(workbook.Worksheet(YearSummaryWorkbook.PlansSheet).Table("Table_action_plans").DataRange.Rows());
            Assert.Equal(Shorthand.NoData, row.Cell(8).GetString());
            Assert.Equal(1, row.Cell(9).GetValue<int>());
        }
    }

    [Fact]
    public async Task A_period_with_no_publication_has_no_rounds_and_stays_accessible()
    {
        await using var app = DemoApps.New();
        var (workbook, content) = Write(app, Today.AddDays(-30), Today);
        using (workbook)
        {
            Assert.Empty(WorkbookChecks.SchemaErrors(content));
            Assert.Empty(WorkbookChecks.AccessibilityProblems(workbook));
            var row = Assert.Single(workbook.Worksheet(YearSummaryWorkbook.RoundsSheet).Table("Table_rounds_published").DataRange.Rows());
            Assert.Equal(Shorthand.NoData, row.Cell(1).GetString());
        }
    }
}
