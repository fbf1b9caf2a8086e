using ClosedXML.Excel;

namespace CaseAudit.Web.Excel;

public enum CellKind
{
    Text,
    Count,
    Percent,
    Number,
    Date,
}

/// One column of a table. Width is in characters; null works it out from the longest value,
/// because ClosedXML's AdjustToContents measures fonts through GDI+ and throws on Linux.
public sealed record SheetColumn(string Header, CellKind Kind = CellKind.Text, double? Width = null, double MaxWidth = 60);

/// One sheet holding one table, the way the Government Analysis Function's "Releasing statistics
/// in spreadsheets" guidance lays them out: a title in A1, one line saying what the table holds in
/// A2, the table's single header row in A3 and its rows straight after, nothing merged, nothing
/// hidden and no blank rows or columns for spacing.
public sealed record SheetTable(string SheetName, string Title, string Description, string TableName, IReadOnlyList<SheetColumn> Columns)
{
    public List<IReadOnlyList<object?>> Rows { get; } = [];

    /// Extra formatting over the table's data cells (rows below the header), such as a dropdown
    /// or a colour scale.
    public Action<IXLWorksheet, IXLRange>? Format { get; init; }

    public SheetTable Add(params object?[] row)
    {
        if (row.Length != Columns.Count)
        {
            throw new ArgumentException($"{SheetName}: a row needs {Columns.Count} values, not {row.Length}.");
        }

        Rows.Add(row);
        return this;
    }
}

/// A numbered note that headers and cells refer to as "[note 1]".
public sealed record WorkbookNote(int Number, string Text)
{
    public string Marker => $"[note {Number}]";
}

/// What the workbook says about itself: document properties and the Cover sheet's lines (in
/// column A only, as the guidance asks, so a screen reader reads them in order).
public sealed record WorkbookCover(string Title, string Author, string Subject, IReadOnlyList<string> Lines)
{
    /// Written into the package so an uploaded copy can be matched to what CaseAudit exported.
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}

/// The shorthand the guidance recommends instead of blank cells, explained on every Cover.
public static class Shorthand
{
    public const string NotApplicable = "[z]";
    public const string NoData = "[x]";

    public static readonly IReadOnlyList<string> Explained =
    [
        $"{NoData} means no data: nothing was graded, so there is no number to show.",
        $"{NotApplicable} means not applicable: the measure does not apply here.",
    ];
}

/// Writes accessible workbooks with ClosedXML: Cover, Contents and Notes first, then one sheet per
/// table. Every value a person typed is written as text (never a formula, never a guessed number).
public static class AccessibleWorkbook
{
    public const string CoverSheet = "Cover";
    public const string ContentsSheet = "Contents";
    public const string NotesSheet = "Notes";

    public const int TitleRow = 1;
    public const int DescriptionRow = 2;
    public const int HeaderRow = 3;

    private const string DateFormat = "d mmm yyyy";
    private const double CoverWidth = 110;
    private const double LineHeight = 15;

    public static void Write(Stream output, WorkbookCover cover, IReadOnlyList<WorkbookNote> notes, IReadOnlyList<SheetTable> tables)
    {
        var names = tables.Select(t => t.SheetName).ToList();
        if (names.Concat([CoverSheet, ContentsSheet, NotesSheet]).Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count + 3
            || names.Any(n => n.Length >= 31))
        {
            throw new ArgumentException("Sheet names must be unique and shorter than 31 characters.");
        }

        using var workbook = new XLWorkbook();
        workbook.Properties.Title = SafeText.Clean(cover.Title);
        workbook.Properties.Author = SafeText.Clean(cover.Author);
        workbook.Properties.Subject = SafeText.Clean(cover.Subject);
        foreach (var (name, value) in cover.Properties)
        {
            workbook.CustomProperties.Add(name, SafeText.Clean(value));
        }

        var contents = new SheetTable(ContentsSheet, "Contents", "Each sheet of this workbook and what it holds. Select a sheet's name to go to it.", "Table_contents",
            [new("Sheet", Width: 24), new("What it holds", MaxWidth: 100)]);
        contents.Add(NotesSheet, "The notes that headers and cells refer to as [note 1], [note 2] and so on.");
        foreach (var table in tables)
        {
            contents.Add(table.SheetName, table.Description);
        }

        var notesTable = new SheetTable(NotesSheet, "Notes", "Notes referred to from the headers and cells of the other sheets.", "Table_notes",
            [new("Note number", Width: 14), new("Note text", MaxWidth: 100)]);
        foreach (var note in notes)
        {
            notesTable.Add(note.Marker, note.Text);
        }

        if (notes.Count == 0)
        {
            notesTable.Add(Shorthand.NotApplicable, "This workbook has no notes.");
        }

        WriteCover(workbook.Worksheets.Add(CoverSheet), cover, [ContentsSheet, NotesSheet, .. names]);
        var contentsSheet = WriteTable(workbook, contents);
        for (var i = 0; i < contents.Rows.Count; i++)
        {
            var cell = contentsSheet.Cell(HeaderRow + 1 + i, 1);
            cell.Hyperlink = new XLHyperlink($"'{cell.GetString()}'!A1");
        }

        WriteTable(workbook, notesTable);
        foreach (var table in tables)
        {
            WriteTable(workbook, table);
        }

        // Opens on the Cover with A1 selected, so a screen reader starts at the title.
        foreach (var sheet in workbook.Worksheets)
        {
            sheet.Cell(1, 1).SetActive();
            sheet.TabSelected = sheet.Name == CoverSheet;
        }

        workbook.Worksheet(CoverSheet).SetTabActive();
        workbook.SaveAs(output);
    }

    private static void WriteCover(IXLWorksheet sheet, WorkbookCover cover, IReadOnlyList<string> sheetNames)
    {
        var title = sheet.Cell(TitleRow, 1);
        title.SetValue(SafeText.Clean(cover.Title));
        title.Style.Font.Bold = true;
        title.Style.Font.FontSize = 15;
        var row = TitleRow + 1;
        foreach (var line in cover.Lines)
        {
            Text(sheet.Cell(row++, 1), line);
        }

        var heading = sheet.Cell(row++, 1);
        heading.SetValue("Sheets in this workbook (select one to go to it)");
        heading.Style.Font.Bold = true;
        foreach (var name in sheetNames)
        {
            var link = sheet.Cell(row++, 1);
            link.SetValue(name);
            link.Hyperlink = new XLHyperlink($"'{name}'!A1");
        }

        sheet.Column(1).Width = CoverWidth;
        for (var r = TitleRow + 1; r < row; r++)
        {
            FitHeight(sheet.Row(r), [(sheet.Cell(r, 1).GetString(), CoverWidth)]);
        }

        sheet.Column(1).Style.Alignment.WrapText = true;
        sheet.Column(1).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        PrintSetup(sheet, repeatRow: null);
    }

    private static IXLWorksheet WriteTable(XLWorkbook workbook, SheetTable table)
    {
        var sheet = workbook.Worksheets.Add(table.SheetName);
        var title = sheet.Cell(TitleRow, 1);
        title.SetValue(SafeText.Clean(table.Title));
        title.Style.Font.Bold = true;
        title.Style.Font.FontSize = 15;
        Text(sheet.Cell(DescriptionRow, 1), table.Description);

        var columns = table.Columns;
        // An Excel table needs at least one data row.
        var rows = table.Rows.Count > 0 ? table.Rows : [columns.Select(_ => (object?)Shorthand.NoData).ToList()];

        // Styles are set on whole columns before any cell is written, so each new cell takes its
        // column's style as it is made: styling ranges afterwards costs ClosedXML a pass over
        // every cell, which dominated the time of a round's raw gradings.
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            var style = sheet.Column(c + 1).Style;
            style.NumberFormat.Format = column.Kind switch
            {
                CellKind.Count => "#,##0",
                CellKind.Percent => "0%",
                CellKind.Number => "0.00",
                CellKind.Date => DateFormat,
                _ => "@",
            };
            style.Alignment.WrapText = true;
            style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            if (column.Kind != CellKind.Text)
            {
                style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
            }

            sheet.Column(c + 1).Width = column.Width ?? WidthOf(column, rows.Select(v => v[c]));
        }

        for (var c = 0; c < columns.Count; c++)
        {
            Text(sheet.Cell(HeaderRow, c + 1), columns[c].Header);
        }

        // Neither Excel nor LibreOffice grows a row to fit wrapped text when opening a file, so
        // each row is given the height its longest wrapped cell needs.
        var widths = Enumerable.Range(1, columns.Count).Select(c => sheet.Column(c).Width).ToArray();
        FitHeight(sheet.Row(HeaderRow), columns.Select((col, c) => ((string?)col.Header, widths[c])));
        for (var r = 0; r < rows.Count; r++)
        {
            var values = rows[r];
            for (var c = 0; c < columns.Count; c++)
            {
                Value(sheet.Cell(HeaderRow + 1 + r, c + 1), columns[c].Kind, values[c]);
            }

            FitHeight(sheet.Row(HeaderRow + 1 + r), values.Select((v, c) => (v as string, widths[c])));
        }

        var lastRow = HeaderRow + rows.Count;
        var excelTable = sheet.Range(HeaderRow, 1, lastRow, columns.Count).CreateTable(table.TableName);
        // Light1: dark text on white with a ruled header, which keeps AA contrast in every cell.
        excelTable.Theme = XLTableTheme.TableStyleLight1;
        excelTable.ShowAutoFilter = true;
        var data = sheet.Range(HeaderRow + 1, 1, lastRow, columns.Count);

        // The title and description run across the page rather than wrapping inside column A.
        foreach (var cell in new[] { sheet.Cell(TitleRow, 1), sheet.Cell(DescriptionRow, 1) })
        {
            cell.Style.Alignment.WrapText = false;
            cell.Style.NumberFormat.Format = "General";
            cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
        }
        table.Format?.Invoke(sheet, data);
        PrintSetup(sheet, repeatRow: HeaderRow);
        return sheet;
    }

    private static void PrintSetup(IXLWorksheet sheet, int? repeatRow)
    {
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.FitToPages(1, 0);
        if (repeatRow is { } header)
        {
            sheet.PageSetup.SetRowsToRepeatAtTop(header, header);
        }
    }

    // Text a person (or CaseAudit) wrote: always a text cell, cleaned of what XML cannot hold.
    private static void Text(IXLCell cell, string? value)
    {
        var text = SafeText.Clean(value);
        cell.SetValue<string>(text);
        if (SafeText.LooksLikeFormula(text))
        {
            cell.Style.IncludeQuotePrefix = true;
        }
    }

    private static void Value(IXLCell cell, CellKind kind, object? value)
    {
        switch (value)
        {
            case null:
                cell.SetValue<string>(kind == CellKind.Text ? "" : Shorthand.NoData);
                break;
            case string text:
                Text(cell, text);
                break;
            case int n:
                cell.SetValue(n);
                break;
            case long n:
                cell.SetValue(n);
                break;
            case double d when double.IsFinite(d):
                cell.SetValue(d);
                break;
            case double:
                cell.SetValue<string>(Shorthand.NoData);
                break;
            case DateOnly date:
                cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
                break;
            case DateTime at:
                cell.SetValue(at);
                break;
            default:
                throw new ArgumentException($"A workbook cell cannot hold a {value.GetType().Name}.");
        }
    }

    private static void FitHeight(IXLRow row, IEnumerable<(string? Text, double Width)> cells)
    {
        var lines = 1;
        foreach (var (text, width) in cells)
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            var perLine = Math.Max(1, (int)(width * 1.1) - 2);
            var needed = 0;
            foreach (var paragraph in text.Split('\n'))
            {
                needed += Math.Max(1, (paragraph.Length + perLine - 1) / perLine);
            }

            lines = Math.Max(lines, needed);
        }

        if (lines > 1)
        {
            row.Height = Math.Min(409, lines * LineHeight);
        }
    }

    // Longest text, a little room for the filter button, within bounds. A header wraps onto
    // several lines, so only a short header sets a number column's width.
    private static double WidthOf(SheetColumn column, IEnumerable<object?> values)
    {
        var longest = column.Kind == CellKind.Text ? Math.Min(column.Header.Length, 20) + 3 : Math.Min(column.Header.Length, 12) + 3;
        foreach (var value in values)
        {
            var length = value switch
            {
                string s => s.Length,
                DateOnly or DateTime => 11,
                double => 6,
                int or long => 8,
                _ => 3,
            };
            longest = Math.Max(longest, length);
        }

        return Math.Clamp(longest * 1.1 + 2, 8, column.MaxWidth);
    }
}
