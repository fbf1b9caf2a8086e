using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace CaseAudit.Tests.Excel;

/// The Government Analysis Function's spreadsheet accessibility rules that a program can check,
/// written as a test helper so every kind of workbook CaseAudit exports is held to them.
public static class WorkbookChecks
{
    public static IReadOnlyList<string> AccessibilityProblems(XLWorkbook workbook)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(workbook.Properties.Title))
        {
            problems.Add("The document has no title property");
        }

        var names = workbook.Worksheets.Select(w => w.Name).ToList();
        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count)
        {
            problems.Add("Sheet names repeat");
        }

        foreach (var sheet in workbook.Worksheets)
        {
            var at = $"Sheet '{sheet.Name}'";
            if (sheet.Name.Length >= 31 || sheet.Name.StartsWith("Sheet", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{at}: the tab name is not a short descriptive name");
            }

            if (sheet.Cell(1, 1).DataType != XLDataType.Text || string.IsNullOrWhiteSpace(sheet.Cell(1, 1).GetString()))
            {
                problems.Add($"{at}: no title in A1");
            }

            if (sheet.MergedRanges.Any())
            {
                problems.Add($"{at}: has merged cells");
            }

            if (sheet.Visibility != XLWorksheetVisibility.Visible)
            {
                problems.Add($"{at}: is hidden");
            }

            if (sheet.RowsUsed(XLCellsUsedOptions.All).Any(r => r.IsHidden) || sheet.ColumnsUsed(XLCellsUsedOptions.All).Any(c => c.IsHidden))
            {
                problems.Add($"{at}: has hidden rows or columns");
            }

            var tables = sheet.Tables.ToList();
            if (sheet.Name == "Cover")
            {
                if (tables.Count != 0 || sheet.CellsUsed(XLCellsUsedOptions.Contents).Any(c => c.Address.ColumnNumber != 1))
                {
                    problems.Add($"{at}: the cover must be text in column A only");
                }

                continue;
            }

            if (tables.Count != 1)
            {
                problems.Add($"{at}: has {tables.Count} tables, not one");
                continue;
            }

            var table = tables[0];
            if (!table.Name.StartsWith("Table_", StringComparison.Ordinal) || table.Name.Length <= 6)
            {
                problems.Add($"{at}: the table has no descriptive name ({table.Name})");
            }

            if (!table.ShowHeaderRow || table.RangeAddress.FirstAddress.RowNumber < 3 || table.RangeAddress.FirstAddress.ColumnNumber != 1)
            {
                problems.Add($"{at}: the table must start in A3 or below with one header row");
            }

            if (table.HeadersRow().Cells().Any(c => string.IsNullOrWhiteSpace(c.GetString())))
            {
                problems.Add($"{at}: a header cell is empty");
            }

            if (sheet.Cell(2, 1).IsEmpty())
            {
                problems.Add($"{at}: no description in A2");
            }

            foreach (var row in table.DataRange.Rows())
            {
                if (row.Cells().All(c => c.IsEmpty()))
                {
                    problems.Add($"{at}: row {row.RowNumber()} of the table is blank");
                }
            }

            var lastTableColumn = table.RangeAddress.LastAddress.ColumnNumber;
            var lastTableRow = table.RangeAddress.LastAddress.RowNumber;
            foreach (var cell in sheet.CellsUsed(XLCellsUsedOptions.Contents))
            {
                var a = cell.Address;
                if (a.RowNumber > 2 && (a.ColumnNumber > lastTableColumn || a.RowNumber > lastTableRow))
                {
                    problems.Add($"{at}: {a} is outside the table");
                }
            }

            foreach (var column in sheet.ColumnsUsed())
            {
                if (column.Width < 5)
                {
                    problems.Add($"{at}: column {column.ColumnLetter()} has no width set");
                }
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> SchemaErrors(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var document = SpreadsheetDocument.Open(stream, false);
        return new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
    }

    public static IEnumerable<string> AllText(XLWorkbook workbook) =>
        workbook.Worksheets.SelectMany(w => w.CellsUsed(XLCellsUsedOptions.Contents)).Select(c => c.GetString());
}
