using System.IO.Compression;
using ClosedXML.Excel;

namespace CaseAudit.Tests.Excel;

public sealed class LibreOfficeTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("caseaudit-lo-test-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Every_sheet_of_a_ClosedXML_workbook_comes_back_as_CSV_with_its_text_and_formats()
    {
        var path = Path.Combine(_folder.FullName, "two sheets.xlsx");
        using (var workbook = new XLWorkbook())
        {
            var cases = workbook.AddWorksheet("Cases");
            cases.Cell(1, 1).SetValue<string>("Reference");
            cases.Cell(2, 1).SetValue<string>("00123");
            var summary = workbook.AddWorksheet("Summary");
            summary.Cell(1, 1).SetValue<string>("Good or better");
            summary.Cell(2, 1).SetValue(0.5);
            summary.Cell(2, 1).Style.NumberFormat.Format = "0%";
            workbook.SaveAs(path);
        }

        var sheets = await LibreOffice.ConvertEverySheetToCsvAsync(path);

        Assert.Equal(["Cases", "Summary"], sheets.Select(s => s.Sheet));
        Assert.Equal(["Reference", "00123"], Lines(sheets[0].Csv));
        Assert.Equal(["Good or better", "50%"], Lines(sheets[1].Csv));
    }

    [Fact]
    public async Task A_workbook_Calc_cannot_load_throws_with_what_soffice_said()
    {
        // Calc shrugs off a garbled sheet (it opens it empty), but not a package with nothing
        // but the sheet list. soffice then exits 0 and writes nothing: the helper must notice.
        var path = Path.Combine(_folder.FullName, "broken.xlsx");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        using (var writer = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open()))
        {
            writer.Write("""<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Only" sheetId="1"/></sheets></workbook>""");
        }

        var ex = await Assert.ThrowsAsync<LibreOfficeException>(() => LibreOffice.ConvertEverySheetToCsvAsync(path));

        Assert.Contains("could not be loaded", ex.Message);
    }

    private static string[] Lines(string csv) => csv.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
}
