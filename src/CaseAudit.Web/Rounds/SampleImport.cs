using System.Globalization;
using System.IO.Compression;
using System.Text;
using CaseAudit.Web.Domain.Rounds;
using ClosedXML.Excel;

namespace CaseAudit.Web.Rounds;

/// One reason a sample file was refused. Row is the spreadsheet row the person sees (the header
/// is row 1); Row and Column are null for problems with the whole file.
public sealed record ImportProblem(int? Row, string? Column, string Message)
{
    public override string ToString() => (Row, Column) switch
    {
        (int row, string column) => $"Row {row}, {column}: {Message}",
        (int row, null) => $"Row {row}: {Message}",
        (null, string column) => $"{column}: {Message}",
        _ => Message,
    };
}

/// Either the cases (when the whole file is good) or every problem found — never both, so a
/// page cannot half-import a file.
public sealed class SampleImportResult
{
    private SampleImportResult(IReadOnlyList<SampledCase> cases, IReadOnlyList<ImportProblem> problems, IReadOnlyList<string> ignored, IReadOnlyList<string> identifying)
    {
        Cases = cases;
        Problems = problems;
        IgnoredColumns = ignored;
        IdentifyingColumns = identifying;
    }

    public IReadOnlyList<SampledCase> Cases { get; }

    public IReadOnlyList<ImportProblem> Problems { get; }

    /// Headings of columns that were not read ("NHS number", "Notes"); their contents are never stored.
    public IReadOnlyList<string> IgnoredColumns { get; }

    /// The ignored columns whose heading suggests personal details (a name, date of birth,
    /// address, postcode or NHS number), so the page can tell the person to delete the file.
    public IReadOnlyList<string> IdentifyingColumns { get; }

    public bool Succeeded => Problems.Count == 0;

    internal static SampleImportResult Ok(List<SampledCase> cases, List<string> ignored, List<string> identifying) =>
        new(cases, [], ignored, identifying);

    /// A page lists at most this many; a file with 30,000 bad columns would otherwise give a
    /// page of 30,000 messages.
    public const int MaxProblems = 100;

    internal static SampleImportResult Refused(IEnumerable<ImportProblem> problems, List<string>? ignored = null, List<string>? identifying = null)
    {
        var all = problems.ToList();
        var shown = all.Count <= MaxProblems
            ? all
            : [.. all.Take(MaxProblems), new ImportProblem(null, null, $"and {all.Count - MaxProblems:N0} more problems after these; fix the ones above first")];
        return new([], shown, ignored ?? [], identifying ?? []);
    }
}

/// A column of the sample file (a sampling pool uses the same columns). Allowed is null for
/// the case reference and for agencies, which depend on the round.
public sealed record SampleColumn(string Name, bool Required, bool IsList, IReadOnlyList<string>? Allowed, string Guidance);

/// Reads a case sample (or a sampling pool) from an uploaded .xlsx or .csv file, all or
/// nothing: a file with any bad row gives back every problem and no cases.
public static class SampleImport
{
    public const long MaxBytes = 1024 * 1024;
    public const int MaxCases = 500;
    public const int MaxCellLength = 200;

    // An .xlsx is compressed XML; a 1 MB upload can expand a hundredfold, and ClosedXML holds
    // the whole workbook in memory. A real 500-case sheet is well under 1 MB of XML.
    private const long MaxUnzippedBytes = 16 * 1024 * 1024;

    public const string WrongType = "The file must be a spreadsheet (.xlsx) or comma-separated values (.csv) file";
    public const string TooBig = "The file must be smaller than 1 MB";
    public const string NoCases = "The file has no cases in it";
    public const string TooManyCases = "A sample can have at most 500 cases; a pool at most 500 too";
    public const string Unreadable = "The file could not be read as a spreadsheet";

    public static readonly SampleColumn Reference = new("Case reference", true, false, null, "Required. Your agency's pseudonymous case code, like NS-2024-017. Never a name, date of birth, address or NHS number.");
    public static readonly SampleColumn AgeBand = new("Age band", true, false, CaseFacts.AgeBands, $"Required. One of the values below. {CaseFacts.AgeBandHint}");
    public static readonly SampleColumn Level = new("Level of intervention", true, false, CaseFacts.Levels, "Required. One of the values below.");
    public static readonly SampleColumn Categories = new("Neglect categories", true, true, CaseFacts.NeglectCategories, "Required. One or more of the values below, separated by ; or ,");
    public static readonly SampleColumn Gender = new("Gender", false, false, CaseFacts.Genders, "Optional. One of the values below.");
    public static readonly SampleColumn Ethnicity = new("Ethnicity group", false, false, CaseFacts.EthnicityGroups, "Optional. One of the values below.");
    public static readonly SampleColumn RiskFactors = new("Risk factors", false, true, CaseFacts.RiskFactors, "Optional. Any of the values below, separated by ; or ,");
    public static readonly SampleColumn AssessmentTool = new("Assessment tool", false, false, CaseFacts.AssessmentTools, "Optional (None if left empty). One of the values below.");
    public static readonly SampleColumn Agencies = new("Agencies involved", true, true, null, "Required. One or more of this round's agencies below, separated by ; or ,");

    /// The columns in the order the template file lays them out; a file may order them freely.
    public static readonly IReadOnlyList<SampleColumn> Columns =
        [Reference, AgeBand, Level, Categories, Gender, Ethnicity, RiskFactors, AssessmentTool, Agencies];

    // Other headings people use for the same column, compared after Key().
    private static readonly Dictionary<string, SampleColumn> Aliases = new()
    {
        ["reference"] = Reference,
        ["caseref"] = Reference,
        ["level"] = Level,
        ["categories"] = Categories,
        ["neglectcategory"] = Categories,
        ["ethnicity"] = Ethnicity,
        ["riskfactor"] = RiskFactors,
        ["agencies"] = Agencies,
    };

    private static readonly string[] IdentifyingWords = ["name", "dob", "dateofbirth", "birth", "address", "postcode", "nhs"];

    public static SampleImportResult Read(
        string fileName,
        Stream content,
        long length,
        IReadOnlyCollection<string> agencyIds,
        Func<string, string?> agencyByName,
        IReadOnlyCollection<string>? existingReferences = null)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (extension is not (".csv" or ".xlsx"))
        {
            return Refused(WrongType);
        }

        if (length > MaxBytes)
        {
            return Refused(TooBig);
        }

        // The declared length is the browser's word; read at most one byte past the limit.
        var bytes = ReadAtMost(content, MaxBytes + 1);
        if (bytes.Length > MaxBytes)
        {
            return Refused(TooBig);
        }

        if (bytes.Length == 0)
        {
            return Refused(NoCases);
        }

        var table = extension == ".xlsx" ? ReadXlsx(bytes) : ReadCsv(bytes);
        if (table.Problems.Count > 0)
        {
            return SampleImportResult.Refused(table.Problems);
        }

        return ReadCases(table, agencyIds, agencyByName, existingReferences ?? []);
    }

    private static SampleImportResult Refused(string message) => SampleImportResult.Refused([new ImportProblem(null, null, message)]);

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

    // ---- The file as rows of text, whichever format it came in. ----

    private sealed class Cell(string text, bool formula = false)
    {
        public string Text { get; } = text;

        public bool Formula { get; } = formula;

        // A date Excel made out of typed text like "5-11": worth its own message.
        public bool Date { get; init; }

        public bool IsBlank => !Formula && Text.Length == 0;
    }

    // Row numbers are the ones a person sees in a spreadsheet; cells are by 0-based column.
    private sealed record FileRow(int Number, Dictionary<int, Cell> Cells);

    private sealed record Table(Dictionary<int, Cell> Header, List<FileRow> Rows, IReadOnlyList<ImportProblem> Problems, bool Spreadsheet)
    {
        public static Table Failed(params ImportProblem[] problems) => new([], [], problems, false);
    }

    private static Table ReadCsv(byte[] bytes)
    {
        if (bytes.Contains((byte)0))
        {
            return Table.Failed(new ImportProblem(null, null, WrongType));
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Table.Failed(new ImportProblem(null, null, WrongType));
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var (records, unterminatedAt) = Csv.Parse(text);
        if (unterminatedAt is int row)
        {
            return Table.Failed(new ImportProblem(row, null, "a quoted value has no closing quote (\"), so the rest of the file cannot be read"));
        }

        var rows = records.Select((fields, i) => new FileRow(
            i + 1,
            fields.Select((f, c) => (c, cell: new Cell(f.Trim()))).ToDictionary(x => x.c, x => x.cell))).ToList();
        return Split(rows, spreadsheet: false);
    }

    private static Table ReadXlsx(byte[] bytes)
    {
        if (bytes.Length < 2 || bytes[0] != (byte)'P' || bytes[1] != (byte)'K')
        {
            return Table.Failed(new ImportProblem(null, null, WrongType));
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            if (zip.Entries.Sum(e => e.Length) > MaxUnzippedBytes)
            {
                return Table.Failed(new ImportProblem(null, null, "The spreadsheet is too large once opened: copy the cases into the sample template and upload that"));
            }
        }
        catch (InvalidDataException)
        {
            return Table.Failed(new ImportProblem(null, null, Unreadable));
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
            return Table.Failed(new ImportProblem(null, null, Unreadable));
        }

        using (workbook)
        {
            // Only the first sheet is read: other sheets (notes, the template's allowed values) are not cases.
            var sheet = workbook.Worksheets.FirstOrDefault(w => w.Position == 1) ?? workbook.Worksheets.FirstOrDefault();
            if (sheet is null)
            {
                return Table.Failed(new ImportProblem(null, null, NoCases));
            }

            if (sheet.Visibility != XLWorksheetVisibility.Visible)
            {
                return Table.Failed(new ImportProblem(null, null,
                    $"The first sheet, '{sheet.Name}', is hidden in the spreadsheet. Only the first sheet is read: unhide it, or move the sheet of cases to the front, and import the file again"));
            }

            var byRow = new SortedDictionary<int, Dictionary<int, Cell>>();
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
                return Table.Failed(hidden);
            }

            var rows = byRow.Select(r => new FileRow(r.Key, r.Value)).ToList();
            if (rows.Count == 0 || rows[0].Number != 1)
            {
                rows.Insert(0, new FileRow(1, []));
            }

            return Split(rows, spreadsheet: true);
        }
    }

    private static ImportProblem[] HiddenProblems(IXLWorksheet sheet, SortedDictionary<int, Dictionary<int, Cell>> byRow)
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

        problems.AddRange(hiddenColumns.Select(c => new ImportProblem(null, $"column {Letter(c)}",
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

    private static Cell XlsxCell(IXLCell cell)
    {
        // Never ask a formula cell for its value: ClosedXML would try to calculate it.
        if (cell.HasFormula)
        {
            return new Cell("", formula: true);
        }

        try
        {
            return cell.DataType switch
            {
                XLDataType.Number => new Cell(cell.GetDouble().ToString(CultureInfo.InvariantCulture)),
                XLDataType.DateTime => new Cell(DateText(cell.GetDateTime())) { Date = true },
                XLDataType.Boolean => new Cell(cell.GetBoolean() ? "TRUE" : "FALSE"),
                XLDataType.TimeSpan => new Cell(cell.GetTimeSpan().ToString("c", CultureInfo.InvariantCulture)),
                _ => new Cell(cell.GetString().Trim()),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            return new Cell(cell.GetString().Trim());
        }
    }

    private static string DateText(DateTime value) =>
        value.ToString(value.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static Table Split(List<FileRow> rows, bool spreadsheet)
    {
        var header = rows.Count > 0 && rows[0].Number == 1 ? rows[0].Cells : [];

        // Blank rows are skipped wherever they are: trailing ones are common (formatted but empty
        // rows), and a blank row between cases carries nothing to import or refuse.
        var data = rows.Where(r => r.Number > 1 && r.Cells.Values.Any(c => !c.IsBlank)).ToList();
        return new Table(header, data, [], spreadsheet);
    }

    // ---- Rows of text to cases. ----

    private static SampleImportResult ReadCases(Table table, IReadOnlyCollection<string> agencyIds, Func<string, string?> agencyByName, IReadOnlyCollection<string> existingReferences)
    {
        var problems = new List<ImportProblem>();
        var columns = new Dictionary<SampleColumn, int>();
        var ignored = new List<string>();
        var identifying = new List<string>();

        foreach (var (index, cell) in table.Header.OrderBy(h => h.Key))
        {
            if (cell.Formula)
            {
                problems.Add(new ImportProblem(1, $"column {Letter(index)}", "the heading contains a formula; type the heading instead"));
                continue;
            }

            if (cell.IsBlank)
            {
                continue;
            }

            var key = Key(cell.Text);
            var column = Columns.FirstOrDefault(c => Key(c.Name) == key) ?? Aliases.GetValueOrDefault(key);
            if (column is null)
            {
                var shown = Shorten(cell.Text);
                ignored.Add(shown);
                if (IdentifyingWords.Any(key.Contains))
                {
                    identifying.Add(shown);
                }
            }
            else if (columns.TryGetValue(column, out var first))
            {
                problems.Add(new ImportProblem(1, column.Name, $"the column appears twice (columns {Letter(first)} and {Letter(index)}); keep one"));
            }
            else
            {
                columns[column] = index;
            }
        }

        // A column of data with no heading is ignored too, and said so.
        var unheaded = table.Rows.SelectMany(r => r.Cells.Where(c => !c.Value.IsBlank).Select(c => c.Key))
            .Where(i => !table.Header.TryGetValue(i, out var h) || h.IsBlank)
            .Distinct().Order();
        ignored.AddRange(unheaded.Select(i => $"column {Letter(i)} (no heading)"));

        if (table.Rows.Count == 0)
        {
            return SampleImportResult.Refused([new ImportProblem(null, null, NoCases)], ignored, identifying);
        }

        var fileProblems = Columns.Where(c => c.Required && !columns.ContainsKey(c))
            .Select(c => new ImportProblem(null, c.Name, "the column is missing; add a column with this heading in row 1"))
            .ToList();
        if (table.Rows.Count > MaxCases)
        {
            fileProblems.Add(new ImportProblem(null, null, TooManyCases));
        }

        if (fileProblems.Count > 0 || problems.Count > 0)
        {
            return SampleImportResult.Refused(fileProblems.Concat(problems), ignored, identifying);
        }

        var agencies = agencyIds.ToHashSet(StringComparer.Ordinal);
        var existing = existingReferences.Select(r => r.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var cases = new List<SampledCase>();
        var inFileOrder = columns.OrderBy(c => c.Value).Select(c => c.Key).ToList();

        foreach (var row in table.Rows)
        {
            var rowProblems = new List<ImportProblem>();
            var values = new Dictionary<SampleColumn, string>();
            foreach (var column in inFileOrder)
            {
                var cell = row.Cells.GetValueOrDefault(columns[column]) ?? new Cell("");
                if (cell.Formula)
                {
                    rowProblems.Add(new ImportProblem(row.Number, column.Name, "contains a formula; type the value instead"));
                }
                else if (cell.Text.Length > MaxCellLength)
                {
                    rowProblems.Add(new ImportProblem(row.Number, column.Name, $"is longer than {MaxCellLength} characters"));
                }
                else if (cell.Date && column == AgeBand)
                {
                    rowProblems.Add(new ImportProblem(row.Number, column.Name,
                        "Excel has turned the age band into a date; format the column as Text and type it again, or pick it from the template's list"));
                }
                else
                {
                    values[column] = cell.Text;
                }
            }

            var @case = new SampledCase();
            string? Single(SampleColumn column)
            {
                if (!values.TryGetValue(column, out var text))
                {
                    return null;
                }

                if (text.Length == 0)
                {
                    if (column.Required)
                    {
                        rowProblems.Add(new ImportProblem(row.Number, column.Name, $"enter one of {string.Join(", ", column.Allowed!)}"));
                    }

                    return null;
                }

                var match = CaseFacts.Match(column.Allowed!, text);
                if (match is null)
                {
                    rowProblems.Add(NotOneOf(row.Number, column, text));
                }

                return match;
            }

            List<string> Several(SampleColumn column, Func<string, string?> match, Func<string, ImportProblem> unknown)
            {
                if (!values.TryGetValue(column, out var text))
                {
                    return [];
                }

                var found = new List<string>();
                foreach (var item in ListItems(text, match))
                {
                    if (match(item) is { } value)
                    {
                        if (!found.Contains(value))
                        {
                            found.Add(value);
                        }
                    }
                    else
                    {
                        rowProblems.Add(unknown(item));
                    }
                }

                if (found.Count == 0 && column.Required && !rowProblems.Any(p => p.Column == column.Name))
                {
                    rowProblems.Add(new ImportProblem(row.Number, column.Name, column == Agencies
                        ? "enter at least one of this round's agencies"
                        : $"enter at least one of {string.Join(", ", column.Allowed!)}"));
                }

                return found;
            }

            List<string> Facts(SampleColumn column) =>
                Several(column, item => CaseFacts.Match(column.Allowed!, item), item => NotOneOf(row.Number, column, item));

            if (values.TryGetValue(Reference, out var reference))
            {
                if (CaseReference.Problem(reference) is { } referenceProblem)
                {
                    // The message never repeats the value: it may be a child's name or NHS number.
                    rowProblems.Add(new ImportProblem(row.Number, Reference.Name, referenceProblem));
                }
                else if (seen.TryGetValue(reference, out var firstRow))
                {
                    rowProblems.Add(new ImportProblem(row.Number, Reference.Name, $"'{reference}' is also on row {firstRow}"));
                }
                else if (existing.Contains(reference))
                {
                    rowProblems.Add(new ImportProblem(row.Number, Reference.Name, $"'{reference}' is already in this round"));
                    seen[reference] = row.Number;
                }
                else
                {
                    seen[reference] = row.Number;
                }

                @case.Reference = reference;
            }

            @case.AgeBand = Single(AgeBand) ?? "";
            @case.Level = Single(Level) ?? "";
            @case.Categories = Facts(Categories);
            @case.Gender = Single(Gender);
            @case.EthnicityGroup = Single(Ethnicity);
            @case.RiskFactors = Facts(RiskFactors);
            @case.AssessmentTool = Single(AssessmentTool) ?? "None";
            @case.AgencyIds = Several(
                Agencies,
                item => agencyByName(item) is { } id && agencies.Contains(id) ? id : null,
                item => new ImportProblem(row.Number, Agencies.Name, agencyByName(item) is null
                    ? $"'{Shorten(item)}' is not an agency CaseAudit knows; use the agency's name or short name"
                    : $"'{Shorten(item)}' is not taking part in this round"));

            // Problems in the order of the file's columns, however they were found.
            problems.AddRange(rowProblems.OrderBy(p => p.Column is { } name ? columns.First(c => c.Key.Name == name).Value : -1));
            cases.Add(@case);
        }

        return problems.Count > 0
            ? SampleImportResult.Refused(problems, ignored, identifying)
            : SampleImportResult.Ok(cases, ignored, identifying);
    }

    // "Emotional; physical" or "Emotional, physical". A piece between semicolons that is itself
    // a value is kept whole, so a value with a comma in it (an agency's name) still matches.
    private static IEnumerable<string> ListItems(string text, Func<string, string?> match)
    {
        foreach (var piece in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!piece.Contains(',') || match(piece) is not null)
            {
                yield return piece;
                continue;
            }

            foreach (var item in piece.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                yield return item;
            }
        }
    }

    private static ImportProblem NotOneOf(int row, SampleColumn column, string typed) =>
        new(row, column.Name, $"'{Shorten(typed)}' is not one of {string.Join(", ", column.Allowed!)}");

    // Headings compare without case, spaces or underscores: "Case_Reference", "casereference".
    private static string Key(string heading) =>
        new(heading.Where(c => !char.IsWhiteSpace(c) && c != '_').Select(char.ToLowerInvariant).ToArray());

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..39] + "…";

    private static string Letter(int index)
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
