using ClosedXML.Excel;
using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Excel;
using CaseAudit.Web.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Excel;

/// Every kind of workbook CaseAudit writes opens in LibreOffice Calc (the learning summary has
/// its own test beside its content tests), with every sheet there and its rows readable.
public sealed class LibreOfficeExportsTests
{
    private static async Task<IReadOnlyList<SheetCsv>> OpenAsync(byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"caseaudit-export-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, content);
        try
        {
            using var workbook = new XLWorkbook(path);
            var sheets = await LibreOffice.ConvertEverySheetToCsvAsync(path);
            Assert.Equal(workbook.Worksheets.Select(w => w.Name), sheets.Select(s => s.Sheet));
            return sheets;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_streamed_partnership_export_opens_in_LibreOffice_with_every_grading_row()
    {
        await using var app = DemoApps.New();
        using var buffer = new MemoryStream();
        var rows = await PartnershipExport.WriteAsync(app.Services.GetRequiredService<CaseAuditStore>(), app.Services.GetRequiredService<TemplateLibrary>(),
            withEvidence: true, "Northshire Safeguarding Children Partnership", buffer);

        var sheets = await OpenAsync(buffer.ToArray());

        var gradings = sheets.Single(s => s.Sheet == PartnershipExport.GradingsSheet).Csv;
        Assert.Contains(DemoRounds.PublishedRoundId, gradings);
        // Title, description and header above the rows.
        Assert.True(gradings.Split('\n').Count(l => l.StartsWith(DemoRounds.PublishedRoundId + ",", StringComparison.Ordinal)) >= rows);
    }

    [Fact]
    public async Task The_year_summary_opens_in_LibreOffice_with_the_round_it_reports()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var published = DateOnly.FromDateTime(YearSummaryReader.PublishedAt(store.Rounds.FindById(DemoRounds.PublishedRoundId))!.Value);
        var file = app.Services.GetRequiredService<YearSummaryExport>().Write(published.AddDays(-7), published.AddDays(7), new Actor(null, "test"));

        var sheets = await OpenAsync(file.Content);

        Assert.Contains("Use of history: autumn 2025", sheets.Single(s => s.Sheet == YearSummaryWorkbook.RoundsSheet).Csv);
    }
}
