using ClosedXML.Excel;
using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Coordinator;

/// /rounds/{id}/import (and the pool upload on /rounds/{id}/draw, which reads the same file):
/// the page's own template workbook, filled in as a Coordinator would, and uploaded.
public sealed class ImportPage(IPage page)
{
    public static async Task<ImportPage> ExpectAsync(Journey journey, IPage page)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import a sample", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, "Import a sample");
        return new ImportPage(page);
    }

    /// The template workbook, as the page's link downloads it.
    public async Task<byte[]> DownloadTemplateAsync()
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the template (Excel, .xlsx)" }).ClickAsync());
        Assert.Equal("caseaudit-sample-template.xlsx", download.SuggestedFilename);
        return await File.ReadAllBytesAsync((await download.PathAsync())!);
    }

    /// The template with rows typed under its header, matching columns by their heading.
    public static byte[] Fill(byte[] template, IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        using var workbook = new XLWorkbook(new MemoryStream(template));
        var sheet = workbook.Worksheet(1);
        var columns = sheet.Row(1).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
        var row = 2;
        foreach (var values in rows)
        {
            foreach (var (heading, value) in values)
            {
                sheet.Cell(row, columns[heading]).SetValue(value);
            }

            row++;
        }

        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    public async Task UploadAsync(string fileName, byte[] workbook)
    {
        await page.GetByLabel("Sample file").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = workbook });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import cases" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}
