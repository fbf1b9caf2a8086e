using ClosedXML.Excel;

namespace CaseAudit.Web.Rounds;

/// The blank file a Coordinator downloads, fills in and uploads as a round's sample (or pool).
/// It has no example rows, because anything in it would be imported.
public static class SampleTemplateFile
{
    public const string SampleSheet = "Sample";
    public const string AllowedSheet = "Allowed values";
    public const string DataProtectionNote = "No names, dates of birth, addresses or NHS numbers: use pseudonymous case references only.";

    // Rows the dropdowns cover: the header plus the most cases a file may hold.
    private const int LastRow = SampleImport.MaxCases + 1;

    public static byte[] Xlsx(IReadOnlyList<(string Id, string Name)> agencies)
    {
        using var workbook = new XLWorkbook();
        var sample = workbook.AddWorksheet(SampleSheet);
        var allowed = workbook.AddWorksheet(AllowedSheet);

        // Allowed values: one column per sample column, heading, guidance, then the values, so
        // each dropdown can point at one contiguous range. The note goes above all of it.
        allowed.Cell(1, 1).SetValue(DataProtectionNote).Style.Font.SetBold();
        const int headingRow = 3, guidanceRow = 4, firstValueRow = 5;
        for (var i = 0; i < SampleImport.Columns.Count; i++)
        {
            var column = SampleImport.Columns[i];
            var number = i + 1;
            var values = column == SampleImport.Agencies
                ? agencies.Select(a => a.Name).ToList()
                : column.Allowed?.ToList() ?? [];

            allowed.Cell(headingRow, number).SetValue(column.Name).Style.Font.SetBold();
            allowed.Cell(guidanceRow, number).SetValue(column.Guidance).Style.Alignment.SetWrapText();
            for (var v = 0; v < values.Count; v++)
            {
                // SetValue<string> keeps "0–2" or an agency called "2024" as text, never a number.
                allowed.Cell(firstValueRow + v, number).SetValue<string>(values[v]);
            }

            allowed.Column(number).Width = Width(values.Append(column.Name), min: 22);

            sample.Cell(1, number).SetValue(column.Name);
            sample.Column(number).Width = Width([column.Name], min: 14);

            // Text format, so Excel keeps "5-11" as typed (not 5 November) and "00123" as written.
            sample.Range(2, number, LastRow, number).Style.NumberFormat.SetFormat("@");

            if (!column.IsList && column.Allowed is { Count: > 0 })
            {
                var validation = sample.Range(2, number, LastRow, number).SetDataValidation();
                validation.List(allowed.Range(firstValueRow, number, firstValueRow + values.Count - 1, number), true);
                validation.IgnoreBlanks = true;
                validation.ErrorStyle = XLErrorStyle.Stop;
                validation.ErrorTitle = column.Name;
                validation.ErrorMessage = $"Choose one of the values on the '{AllowedSheet}' sheet.";
            }
        }

        var header = sample.Range(1, 1, 1, SampleImport.Columns.Count);
        header.Style.Font.SetBold();
        header.Style.Fill.SetBackgroundColor(XLColor.FromHtml("#F3F2F1"));
        sample.SheetView.FreezeRows(1);

        // The header must stay in row 1 (the import reads it there), so the warning is a note on
        // the first heading, shown open rather than on hover.
        var note = sample.Cell(1, 1).Comment;
        note.AddText(DataProtectionNote);
        note.SetVisible();

        allowed.Row(guidanceRow).Height = 60;
        sample.SetTabActive();

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// The header row, then two note rows the import skips (their case reference starts with
    /// #): each column's guidance, and its allowed values (this round's agencies for Agencies
    /// involved), so a CSV carries what the workbook's Allowed values sheet does. Encode it as
    /// UTF-8 with a byte order mark when sending it, so that Excel opens the file as UTF-8 and
    /// en dashes ("5–11") survive.
    public static string Csv(IReadOnlyList<(string Id, string Name)> agencies)
    {
        string[] header = [.. SampleImport.Columns.Select(c => c.Name)];
        string[] guidance = [.. SampleImport.Columns.Select(c => c == SampleImport.Reference
            ? $"{SampleImport.NoteMark} Rows starting with {SampleImport.NoteMark} are notes and are not imported: type cases below them, or delete them. {c.Guidance}"
            : c.Guidance)];
        string[] allowed = [.. SampleImport.Columns.Select(c => c == SampleImport.Reference
            ? $"{SampleImport.NoteMark} Allowed values"
            : string.Join("; ", c == SampleImport.Agencies ? agencies.Select(a => a.Name) : c.Allowed ?? []))];
        return string.Concat(new[] { header, guidance, allowed }.Select(row => string.Join(',', row.Select(CsvField)) + "\r\n"));
    }

    // Quoted when it holds a comma, quote or line break; a value Excel would run as a formula
    // (an agency called "=…") gets a leading apostrophe, harmless in a row that is never imported.
    private static string CsvField(string value)
    {
        if (Excel.SafeText.LooksLikeFormula(value))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : $"\"{value.Replace("\"", "\"\"")}\"";
    }

    // AdjustToContents measures fonts through GDI+, which throws on Linux; estimate instead.
    private static double Width(IEnumerable<string> texts, int min) =>
        Math.Clamp(texts.Select(t => t.Length).DefaultIfEmpty(0).Max() * 1.2 + 2, min, 60);
}
