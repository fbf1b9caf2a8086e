using System.Globalization;
using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;

namespace CaseAudit.Web.Rounds;

/// One cell of a sample file as text. A formula is never calculated, only noted.
public sealed class SampleCell(string text, bool formula = false)
{
    public string Text { get; } = text;

    public bool Formula { get; } = formula;

    // A date Excel made out of typed text like "5-11": worth its own message.
    public bool Date { get; init; }

    public bool IsBlank => !Formula && Text.Length == 0;
}

/// Number is the row a person sees in a spreadsheet (the header is row 1); cells are by
/// 0-based column, and only cells with something in them are there.
public sealed record SampleRow(int Number, Dictionary<int, SampleCell> Cells);

/// A sample file as rows of text, whichever format it came in: the header row, the rows below
/// it that hold anything, or the problems that stopped the file being read at all.
public sealed record SampleTable(Dictionary<int, SampleCell> Header, List<SampleRow> Rows, IReadOnlyList<ImportProblem> Problems)
{
    public static SampleTable Failed(params ImportProblem[] problems) => new([], [], problems);
}

/// Reads an uploaded .xlsx or .csv file into a SampleTable, knowing nothing of cases: what is
/// refused here is a file that is too big, of another type, unreadable, or hiding rows.
public static class SampleFile
{
    public const long MaxBytes = 1024 * 1024;

    // An .xlsx is compressed XML; a 1 MB upload can expand a hundredfold, and ClosedXML holds
    // the whole workbook in memory. A real 500-case sheet is well under 1 MB of XML.
    private const long MaxUnzippedBytes = 16 * 1024 * 1024;

    public const string WrongType = "The file must be a spreadsheet (.xlsx) or comma-separated values (.csv) file";
    public const string TooBig = "The file must be smaller than 1 MB";
    public const string Unreadable = "The file could not be read as a spreadsheet";

    public static SampleTable Read(string fileName, Stream content, long length)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (extension is not (".csv" or ".xlsx"))
        {
            return Failed(WrongType);
        }

        if (length > MaxBytes)
        {
            return Failed(TooBig);
        }

        // The declared length is the browser's word; read at most one byte past the limit.
        var bytes = ReadAtMost(content, MaxBytes + 1);
        if (bytes.Length > MaxBytes)
        {
            return Failed(TooBig);
        }

        if (bytes.Length == 0)
        {
            return new SampleTable([], [], []);
        }

        return extension == ".xlsx" ? ReadXlsx(bytes) : ReadCsv(bytes);
    }

    private static SampleTable Failed(string message) => SampleTable.Failed(new ImportProblem(null, null, message));

    private static byte[] ReadAtMost(Stream content, long limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = content.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static SampleTable ReadCsv(byte[] bytes)
    {
        if (bytes.Contains((byte)0))
        {
            return SampleTable.Failed(new ImportProblem(null, null, WrongType));
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return SampleTable.Failed(new ImportProblem(null, null, WrongType));
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var (records, unterminatedAt) = Csv.Parse(text);
        if (unterminatedAt is int row)
        {
            return SampleTable.Failed(new ImportProblem(row, null, "a quoted value has no closing quote (\"), so the rest of the file cannot be read"));
        }

        var rows = records.Select((fields, i) => new SampleRow(
            i + 1,
            fields.Select((f, c) => (c, cell: new SampleCell(f.Trim()))).ToDictionary(x => x.c, x => x.cell))).ToList();
        return Split(rows);
    }

    private static SampleTable ReadXlsx(byte[] bytes)
    {
        if (bytes.Length < 2 || bytes[0] != (byte)'P' || bytes[1] != (byte)'K')
        {
            return SampleTable.Failed(new ImportProblem(null, null, WrongType));
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            if (zip.Entries.Sum(e => e.Length) > MaxUnzippedBytes)
            {
                return SampleTable.Failed(new ImportProblem(null, null, "The spreadsheet is too large once opened: copy the cases into the sample template and upload that"));
            }
        }
        catch (InvalidDataException)
        {
            return SampleTable.Failed(new ImportProblem(null, null, Unreadable));
        }

        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(new MemoryStream(bytes));
        }
        catch (Exception)
        {
            // ClosedXML and System.IO.Packaging throw many kinds of exception for a package that
            // is not a workbook (a .docx renamed, a truncated upload); all mean the same to the person.
            return SampleTable.Failed(new ImportProblem(null, null, Unreadable));
        }

        using (workbook)
        {
            // Only the first sheet is read: other sheets (notes, the template's allowed values) are not cases.
            var sheet = workbook.Worksheets.FirstOrDefault(w => w.Position == 1) ?? workbook.Worksheets.FirstOrDefault();
            if (sheet is null)
            {
                return new SampleTable([], [], []);
            }

            if (sheet.Visibility != XLWorksheetVisibility.Visible)
            {
                return SampleTable.Failed(new ImportProblem(null, null,
                    $"The first sheet, '{sheet.Name}', is hidden in the spreadsheet. Only the first sheet is read: unhide it, or move the sheet of cases to the front, and import the file again"));
            }

            var byRow = new SortedDictionary<int, Dictionary<int, SampleCell>>();
            foreach (var cell in sheet.CellsUsed(XLCellsUsedOptions.Contents))
            {
                var address = cell.Address;
                if (!byRow.TryGetValue(address.RowNumber, out var cells))
                {
                    byRow[address.RowNumber] = cells = [];
                }

                cells[address.ColumnNumber - 1] = XlsxCell(cell);
            }

            // A hidden row or column (hidden by hand, grouped and collapsed, or filtered out) would
            // be imported without the person having seen it, so it is refused rather than guessed at.
            if (HiddenProblems(sheet, byRow) is { Length: > 0 } hidden)
            {
                return SampleTable.Failed(hidden);
            }

            var rows = byRow.Select(r => new SampleRow(r.Key, r.Value)).ToList();
            if (rows.Count == 0 || rows[0].Number != 1)
            {
                rows.Insert(0, new SampleRow(1, []));
            }

            return Split(rows);
        }
    }

    private static ImportProblem[] HiddenProblems(IXLWorksheet sheet, SortedDictionary<int, Dictionary<int, SampleCell>> byRow)
    {
        bool IsHidden(IXLRow row) => row.IsHidden || row.Height <= 0;
        var hiddenRows = byRow.Where(r => r.Value.Values.Any(c => !c.IsBlank) && IsHidden(sheet.Row(r.Key))).Select(r => r.Key).ToList();
        var hiddenColumns = byRow.Values.SelectMany(cells => cells.Where(c => !c.Value.IsBlank).Select(c => c.Key)).Distinct().Order()
            .Where(c => sheet.Column(c + 1) is var column && (column.IsHidden || column.Width <= 0)).ToList();
        var problems = new List<ImportProblem>();
        if (hiddenRows.Count > 0)
        {
            problems.Add(new ImportProblem(null, null,
                $"{(hiddenRows.Count == 1 ? "Row" : "Rows")} {Ranges(hiddenRows)} {(hiddenRows.Count == 1 ? "is" : "are")} hidden in the spreadsheet (hidden, grouped or filtered out). Show every row, delete any that are not cases, and import the file again"));
        }

        problems.AddRange(hiddenColumns.Select(c => new ImportProblem(null, $"column {ColumnLetter(c)}",
            "the column is hidden in the spreadsheet. Show it (or delete it if it is not needed) and import the file again")));
        return [.. problems];
    }

    // 3, 5, 6, 7, 9 reads as "3, 5–7 and 9".
    private static string Ranges(IReadOnlyList<int> sorted)
    {
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? $"{sorted[i]}" : $"{sorted[i]}–{sorted[j]}");
            i = j + 1;
        }

        return parts.Count == 1 ? parts[0] : $"{string.Join(", ", parts[..^1])} and {parts[^1]}";
    }

    private static SampleCell XlsxCell(IXLCell cell)
    {
        // Never ask a formula cell for its value: ClosedXML would try to calculate it.
        if (cell.HasFormula)
        {
            return new SampleCell("", formula: true);
        }

        try
        {
            return cell.DataType switch
            {
                XLDataType.Number => new SampleCell(cell.GetDouble().ToString(CultureInfo.InvariantCulture)),
                XLDataType.DateTime => new SampleCell(DateText(cell.GetDateTime())) { Date = true },
                XLDataType.Boolean => new SampleCell(cell.GetBoolean() ? "TRUE" : "FALSE"),
                XLDataType.TimeSpan => new SampleCell(cell.GetTimeSpan().ToString("c", CultureInfo.InvariantCulture)),
                _ => new SampleCell(cell.GetString().Trim()),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            return new SampleCell(cell.GetString().Trim());
        }
    }

    private static string DateText(DateTime value) =>
        value.ToString(value.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static SampleTable Split(List<SampleRow> rows)
    {
        var header = rows.Count > 0 && rows[0].Number == 1 ? rows[0].Cells : [];

        // Blank rows are skipped wherever they are: trailing ones are common (formatted but empty
        // rows), and a blank row between cases carries nothing to import or refuse.
        var data = rows.Where(r => r.Number > 1 && r.Cells.Values.Any(c => !c.IsBlank)).ToList();
        return new SampleTable(header, data, []);
    }

    /// The letter a spreadsheet shows for a 0-based column: 0 is A, 26 is AA.
    public static string ColumnLetter(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}

/// RFC 4180 comma-separated values: quoted fields, doubled quotes, commas and line breaks
/// inside quotes, CRLF or LF. Lenient where Excel is: a quote inside an unquoted field is
/// just a character.
internal static class Csv
{
    /// The records, or the record number (from 1) where a quoted field never closes.
    public static (List<List<string>> Records, int? UnterminatedAt) Parse(string text)
    {
        var records = new List<List<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var atFieldStart = true;
        var quoteOpenedIn = 0;
        var i = 0;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            atFieldStart = true;
        }

        void EndRecord()
        {
            EndField();
            records.Add(fields);
            fields = [];
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    quoteOpenedIn = records.Count + 1;
                    break;
                case ',':
                    EndField();
                    break;
                case '\r':
                    EndRecord();
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n':
                    EndRecord();
                    break;
                default:
                    field.Append(c);
                    atFieldStart = false;
                    break;
            }

            i++;
        }

        if (quoted)
        {
            return (records, quoteOpenedIn);
        }

        // The last line may or may not end with a line break.
        if (fields.Count > 0 || field.Length > 0 || !atFieldStart)
        {
            EndRecord();
        }

        return (records, null);
    }
}
