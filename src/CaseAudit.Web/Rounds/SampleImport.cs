using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Web.Rounds;

/// One reason a sample file was refused. Row is the spreadsheet row the person sees (the header
/// is row 1); Row and Column are null for problems with the whole file.
public sealed record ImportProblem(int? Row, string? Column, string Message)
{
    /// Where the problem is, as a person finds it in the file: "Row 4, Age band".
    public string? Place => (Row, Column) switch
    {
        (int row, string column) => $"Row {row}, {column}",
        (int row, null) => $"Row {row}",
        (null, string column) => column,
        _ => null,
    };

    public override string ToString() => Place is { } place ? $"{place}: {Message}" : Message;
}

/// Either the cases (when the whole file is good) or every problem found — never both, so a
/// page cannot half-import a file.
public sealed class SampleImportResult
{
    private SampleImportResult(IReadOnlyList<SampledCase> cases, IReadOnlyList<ImportProblem> problems, int problemCount, IReadOnlyList<string> ignored, IReadOnlyList<string> identifying)
    {
        Cases = cases;
        Problems = problems;
        ProblemCount = problemCount;
        IgnoredColumns = ignored;
        IdentifyingColumns = identifying;
    }

    public IReadOnlyList<SampledCase> Cases { get; }

    /// The problems to show: the first MaxProblems, then one saying how many more there are.
    public IReadOnlyList<ImportProblem> Problems { get; }

    /// How many problems the file has, all of them (Problems may stop short).
    public int ProblemCount { get; }

    /// Headings of columns that were not read ("NHS number", "Notes"); their contents are never stored.
    public IReadOnlyList<string> IgnoredColumns { get; }

    /// The ignored columns whose heading suggests personal details (a name, date of birth,
    /// address, postcode or NHS number), so the page can tell the person to delete the file.
    public IReadOnlyList<string> IdentifyingColumns { get; }

    public bool Succeeded => Problems.Count == 0;

    internal static SampleImportResult Ok(List<SampledCase> cases, List<string> ignored, List<string> identifying) =>
        new(cases, [], 0, ignored, identifying);

    /// A page lists at most this many; a file with 30,000 bad columns would otherwise give a
    /// page of 30,000 messages.
    public const int MaxProblems = 100;

    internal static SampleImportResult Refused(IEnumerable<ImportProblem> problems, List<string>? ignored = null, List<string>? identifying = null)
    {
        var all = problems.ToList();
        var shown = all.Count <= MaxProblems
            ? all
            : [.. all.Take(MaxProblems), new ImportProblem(null, null, $"and {all.Count - MaxProblems:N0} more problems after these; fix the ones above first")];
        return new([], shown, all.Count, ignored ?? [], identifying ?? []);
    }
}

/// A column of the sample file (a sampling pool uses the same columns): a case fact, and the
/// guidance the template file gives for it.
public sealed record SampleColumn(CaseFact Fact, string Guidance)
{
    public string Name => Fact.Name;

    public bool Required => Fact.Required;

    public bool IsList => Fact.IsList;

    /// Null for the case reference and for agencies, which depend on the round.
    public IReadOnlyList<string>? Allowed => Fact.Allowed;
}

/// Reads a case sample (or a sampling pool) from an uploaded .xlsx or .csv file, all or
/// nothing: a file with any bad row gives back every problem and no cases. SampleFile reads the
/// file into rows of text; this checks each row as a case, by the rules every case meets
/// however it is entered (CaseEntry).
public static class SampleImport
{
    public const long MaxBytes = SampleFile.MaxBytes;
    public const int MaxCases = Round.MaxCases;
    public const int MaxCellLength = 200;

    /// A row whose case reference starts with this is a note for people (the CSV template's
    /// guidance and allowed values), never a case: no reference may start with it.
    public const string NoteMark = "#";

    public const string WrongType = SampleFile.WrongType;
    public const string TooBig = SampleFile.TooBig;
    public const string NoCases = "The file has no cases in it";
    public const string TooManyCases = "A sample can have at most 500 cases; a pool at most 500 too";
    public const string Unreadable = SampleFile.Unreadable;

    public static readonly SampleColumn Reference = new(CaseFact.Reference, "Required. Your agency's pseudonymous case code, like NS-2024-017. Never a name, date of birth, address or NHS number.");
    public static readonly SampleColumn AgeBand = new(CaseFact.AgeBand, $"Required. One of the values below. {CaseFacts.AgeBandHint}");
    public static readonly SampleColumn Level = new(CaseFact.Level, "Required. One of the values below.");
    public static readonly SampleColumn Categories = new(CaseFact.Categories, "Required. One or more of the values below, separated by ; or ,");
    public static readonly SampleColumn Gender = new(CaseFact.Gender, "Optional. One of the values below.");
    public static readonly SampleColumn Ethnicity = new(CaseFact.Ethnicity, "Optional. One of the values below.");
    public static readonly SampleColumn RiskFactors = new(CaseFact.RiskFactors, "Optional. Any of the values below, separated by ; or ,");
    public static readonly SampleColumn AssessmentTool = new(CaseFact.AssessmentTool, "Optional (None if left empty). One of the values below.");
    public static readonly SampleColumn Agencies = new(CaseFact.Agencies, "Required. One or more of this round's agencies below, separated by ; or ,");

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
        var table = SampleFile.Read(fileName, content, length);
        return table.Problems.Count > 0
            ? SampleImportResult.Refused(table.Problems)
            : ReadCases(table, agencyIds, agencyByName, existingReferences ?? []);
    }

    private static SampleImportResult ReadCases(SampleTable table, IReadOnlyCollection<string> agencyIds, Func<string, string?> agencyByName, IReadOnlyCollection<string> existingReferences)
    {
        var (columns, ignored, identifying, headerProblems) = ReadHeader(table.Header);
        var rows = table.Rows.Where(r => !IsNote(r, columns)).ToList();

        // A column of data with no heading is ignored too, and said so.
        var unheaded = rows.SelectMany(r => r.Cells.Where(c => !c.Value.IsBlank).Select(c => c.Key))
            .Where(i => !table.Header.TryGetValue(i, out var h) || h.IsBlank)
            .Distinct().Order();
        ignored.AddRange(unheaded.Select(i => $"column {SampleFile.ColumnLetter(i)} (no heading)"));

        if (rows.Count == 0)
        {
            return SampleImportResult.Refused([new ImportProblem(null, null, NoCases)], ignored, identifying);
        }

        var fileProblems = Columns.Where(c => c.Required && !columns.ContainsKey(c))
            .Select(c => new ImportProblem(null, c.Name, "the column is missing; add a column with this heading in row 1"))
            .ToList();
        if (rows.Count > MaxCases)
        {
            fileProblems.Add(new ImportProblem(null, null, TooManyCases));
        }

        if (fileProblems.Count > 0 || headerProblems.Count > 0)
        {
            return SampleImportResult.Refused(fileProblems.Concat(headerProblems), ignored, identifying);
        }

        var existing = existingReferences.Select(r => r.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<ImportProblem>();
        var cases = new List<SampledCase>();
        foreach (var row in rows)
        {
            var (sampled, rowProblems) = ReadRow(row, columns, agencyIds, agencyByName, existing, seen);
            problems.AddRange(rowProblems);
            cases.Add(sampled);
        }

        return problems.Count > 0
            ? SampleImportResult.Refused(problems, ignored, identifying)
            : SampleImportResult.Ok(cases, ignored, identifying);
    }

    private static (Dictionary<SampleColumn, int> Columns, List<string> Ignored, List<string> Identifying, List<ImportProblem> Problems) ReadHeader(Dictionary<int, SampleCell> header)
    {
        var problems = new List<ImportProblem>();
        var columns = new Dictionary<SampleColumn, int>();
        var ignored = new List<string>();
        var identifying = new List<string>();
        foreach (var (index, cell) in header.OrderBy(h => h.Key))
        {
            if (cell.Formula)
            {
                problems.Add(new ImportProblem(1, $"column {SampleFile.ColumnLetter(index)}", "the heading contains a formula; type the heading instead"));
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
                problems.Add(new ImportProblem(1, column.Name, $"the column appears twice (columns {SampleFile.ColumnLetter(first)} and {SampleFile.ColumnLetter(index)}); keep one"));
            }
            else
            {
                columns[column] = index;
            }
        }

        return (columns, ignored, identifying, problems);
    }

    private static bool IsNote(SampleRow row, Dictionary<SampleColumn, int> columns) =>
        columns.TryGetValue(Reference, out var index) && row.Cells.GetValueOrDefault(index) is { Formula: false } cell
        && cell.Text.StartsWith(NoteMark, StringComparison.Ordinal);

    private static (SampledCase Case, IEnumerable<ImportProblem> Problems) ReadRow(
        SampleRow row,
        Dictionary<SampleColumn, int> columns,
        IReadOnlyCollection<string> agencyIds,
        Func<string, string?> agencyByName,
        HashSet<string> existing,
        Dictionary<string, int> seen)
    {
        // Cells that cannot be read as a value are refused first; their facts are not checked.
        var cellProblems = new List<ImportProblem>();
        var values = new Dictionary<SampleColumn, string>();
        foreach (var (column, index) in columns)
        {
            var cell = row.Cells.GetValueOrDefault(index) ?? new SampleCell("");
            if (cell.Formula)
            {
                cellProblems.Add(new ImportProblem(row.Number, column.Name, "contains a formula; type the value instead"));
            }
            else if (cell.Text.Length > MaxCellLength)
            {
                cellProblems.Add(new ImportProblem(row.Number, column.Name, $"is longer than {MaxCellLength} characters"));
            }
            else if (cell.Date && column == AgeBand)
            {
                cellProblems.Add(new ImportProblem(row.Number, column.Name,
                    "Excel has turned the age band into a date; format the column as Text and type it again, or pick it from the template's list"));
            }
            else
            {
                values[column] = cell.Text;
            }
        }

        bool InRound(string item) => agencyByName(item) is { } id && agencyIds.Contains(id);
        string? Text(SampleColumn column) => values.GetValueOrDefault(column);
        IReadOnlyList<string> Items(SampleColumn column, Func<string, bool> isValue) =>
            values.TryGetValue(column, out var text) ? [.. ListItems(text, isValue)] : [];
        bool IsFact(SampleColumn column, string item) => CaseFacts.Match(column.Allowed!, item) is not null;

        var reference = Text(Reference)?.Trim() ?? "";
        var entry = new CaseEntry
        {
            Reference = reference,
            AgeBand = Text(AgeBand),
            Level = Text(Level),
            Categories = Items(Categories, item => IsFact(Categories, item)),
            Gender = Text(Gender),
            EthnicityGroup = Text(Ethnicity),
            RiskFactors = Items(RiskFactors, item => IsFact(RiskFactors, item)),
            AssessmentTool = Text(AssessmentTool),
            Agencies = Items(Agencies, InRound),
        };
        var check = entry.Check(agencyIds, agencyByName, existing.Contains);

        var unreadable = cellProblems.Select(p => p.Column).ToHashSet();
        var factProblems = check.Problems.Where(p => !unreadable.Contains(p.Fact.Name)).ToList();

        // The reference's place in the file: a reference twice in the file names its first row.
        if (values.ContainsKey(Reference) && !factProblems.Any(p => p.Kind == CaseProblemKind.UnsafeReference))
        {
            if (seen.TryGetValue(reference, out var firstRow))
            {
                factProblems.RemoveAll(p => p.Kind == CaseProblemKind.AlreadyInRound);
                cellProblems.Add(new ImportProblem(row.Number, Reference.Name, $"'{reference}' is also on row {firstRow}"));
            }
            else
            {
                seen[reference] = row.Number;
            }
        }

        // Problems in the order of the file's columns, however they were found.
        var problems = cellProblems.Concat(factProblems.Select(p => new ImportProblem(row.Number, p.Fact.Name, Message(p))))
            .OrderBy(p => columns.First(c => c.Key.Name == p.Column).Value);
        return (check.Case, problems);
    }

    /// A case fact's problem, worded for a cell someone typed.
    private static string Message(CaseProblem problem)
    {
        var allowed = problem.Fact.Allowed is { } values ? string.Join(", ", values) : "";
        return problem.Kind switch
        {
            // The message never repeats the value: it may be a child's name or NHS number.
            CaseProblemKind.UnsafeReference => problem.Reason!,
            CaseProblemKind.AlreadyInRound => $"'{problem.Typed}' is already in this round",
            CaseProblemKind.Missing when problem.Fact == CaseFact.Agencies => "enter at least one of this round's agencies",
            CaseProblemKind.Missing when problem.Fact.IsList => $"enter at least one of {allowed}",
            CaseProblemKind.Missing => $"enter one of {allowed}",
            CaseProblemKind.UnknownAgency => $"'{Shorten(problem.Typed!)}' is not an agency CaseAudit knows; use the agency's name or short name",
            CaseProblemKind.AgencyNotInRound => $"'{Shorten(problem.Typed!)}' is not taking part in this round",
            _ => $"'{Shorten(problem.Typed!)}' is not one of {allowed}",
        };
    }

    // "Emotional; physical" or "Emotional, physical". A piece between semicolons that is itself
    // a value is kept whole, so a value with a comma in it (an agency's name) still matches.
    private static IEnumerable<string> ListItems(string text, Func<string, bool> isValue)
    {
        foreach (var piece in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!piece.Contains(',') || isValue(piece))
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

    // Headings compare without case, spaces or underscores: "Case_Reference", "casereference".
    private static string Key(string heading) =>
        new(heading.Where(c => !char.IsWhiteSpace(c) && c != '_').Select(char.ToLowerInvariant).ToArray());

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..39] + "…";
}
