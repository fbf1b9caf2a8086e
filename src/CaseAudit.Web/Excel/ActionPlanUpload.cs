using System.Globalization;
using System.IO.Compression;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Domain.Rounds;
using ClosedXML.Excel;

namespace CaseAudit.Web.Excel;

/// What the board changed on one action: the values CaseAudit holds now and those in the file.
/// Version is the action's version when the file was checked, so applying it later can tell
/// whether someone changed the action in between.
public sealed record ProgressChange(string Ref, string ActionId, int Version, Rag OldRag, Rag NewRag, string OldPosition, string NewPosition)
{
    public bool RagChanged => OldRag != NewRag;

    public bool PositionChanged => OldPosition != NewPosition;
}

/// Row is the spreadsheet row the person sees; null for a problem with the whole file.
public sealed record UploadProblem(int? Row, string Message)
{
    public override string ToString() => Row is int row ? $"Row {row}: {Message}" : Message;
}

/// Either the changes (when the whole file is good) or every problem — never both, so a page
/// cannot apply half a file.
public sealed record ActionPlanUploadResult(IReadOnlyList<ProgressChange> Changes, IReadOnlyList<UploadProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// Reads RAG and Current position back from the Action plan sheet of a round's learning-summary
/// workbook, matched to the plan's actions by Ref. Nothing else in the workbook is read.
public static class ActionPlanUpload
{
    public const long MaxBytes = 5 * 1024 * 1024;

    // A real workbook of a round is a few hundred KB of XML once unzipped; ClosedXML holds all
    // of it in memory, so a small upload that expands far beyond that is refused unopened.
    private const long MaxUnzippedBytes = 40 * 1024 * 1024;

    private const string TableName = "Table_action_plan";

    public const string WrongType = "The selected file must be an Excel workbook (.xlsx)";
    public const string Empty = "The selected file is empty";
    public const string TooBig = "The selected file must be smaller than 5 MB";
    public const string Unreadable = "The selected file could not be opened as an Excel workbook: upload the .xlsx file saved from Excel or LibreOffice";
    public const string TooLargeOpened = "The workbook is too large once opened: upload the learning-summary workbook CaseAudit exported";
    public const string NotThisRound = "The workbook is not this round's learning summary: download it from this round's page, edit the Action plan sheet and upload that";
    public const string NothingToApply = "The workbook has no changes to apply: change RAG or Current position on the Action plan sheet, save it and upload it again";

    public static ActionPlanUploadResult Read(string? fileName, byte[] content, Round round, IReadOnlyList<PlanAction> plan)
    {
        if (!string.Equals(Path.GetExtension(fileName ?? ""), ".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return Refused(WrongType);
        }

        if (content.Length == 0)
        {
            return Refused(Empty);
        }

        if (content.Length > MaxBytes)
        {
            return Refused(TooBig);
        }

        if (PackageProblem(content) is { } packageProblem)
        {
            return Refused(packageProblem);
        }

        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(new MemoryStream(content));
        }
        catch (Exception)
        {
            // ClosedXML and System.IO.Packaging throw many kinds of exception for a package that
            // is not a workbook (a .docx renamed, a truncated upload); all mean the same here.
            return Refused(Unreadable);
        }

        using (workbook)
        {
            if (!workbook.Worksheets.TryGetWorksheet(LearningSummaryWorkbook.ActionPlanSheet, out var sheet))
            {
                return Refused($"The workbook has no \"{LearningSummaryWorkbook.ActionPlanSheet}\" sheet: upload the learning-summary workbook CaseAudit exported, with its sheets as they were");
            }

            if (IdentityProblem(workbook, round) is { } identityProblem)
            {
                return Refused(identityProblem);
            }

            var headerProblems = HeaderProblems(sheet).ToList();
            if (headerProblems.Count > 0)
            {
                return new ActionPlanUploadResult([], headerProblems);
            }

            return ReadRows(sheet, plan);
        }
    }

    private static ActionPlanUploadResult Refused(string message) => new([], [new UploadProblem(null, message)]);

    private static string? PackageProblem(byte[] content)
    {
        if (content.Length < 4 || content[0] != (byte)'P' || content[1] != (byte)'K')
        {
            return WrongType;
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            return zip.Entries.Sum(e => e.Length) > MaxUnzippedBytes ? TooLargeOpened : null;
        }
        catch (InvalidDataException)
        {
            return Unreadable;
        }
    }

    // The custom properties are written by every export; a workbook without them was not made
    // by CaseAudit (or was rebuilt by copying sheets), so it is not trusted as this round's.
    private static string? IdentityProblem(XLWorkbook workbook, Round round)
    {
        string? Property(string name)
        {
            var property = workbook.CustomProperties.FirstOrDefault(p => p.Name == name);
            return property?.Value?.ToString()?.Trim();
        }

        var roundId = WorkbookIdentity.Read(Property(WorkbookIdentity.RoundId));
        var templateId = WorkbookIdentity.Read(Property(WorkbookIdentity.TemplateId));
        if (string.IsNullOrEmpty(roundId) || string.IsNullOrEmpty(templateId))
        {
            return NotThisRound;
        }

        if (templateId != round.TemplateId)
        {
            return $"The workbook is from a round on another theme ({templateId}), not {round.TemplateId}: download this round's learning summary and upload that";
        }

        return roundId != round.Id
            ? "The workbook is from another round of this theme: download this round's learning summary and upload that, so the changes are made against the plan as it stands"
            : null;
    }

    private static IEnumerable<UploadProblem> HeaderProblems(IXLWorksheet sheet)
    {
        var headers = LearningSummaryWorkbook.ActionPlanHeaders;
        var row = AccessibleWorkbook.HeaderRow;
        for (var c = 1; c <= headers.Count; c++)
        {
            var cell = sheet.Cell(row, c);
            var found = cell.HasFormula ? null : Text(cell);
            if (found != headers[c - 1])
            {
                yield return new UploadProblem(row, $"column {Letter(c)} should be headed \"{headers[c - 1]}\", not {(found is null ? "a formula" : found.Length == 0 ? "empty" : $"\"{Shorten(found)}\"")}. Put the header row back as it was exported");
            }
        }

        var extra = sheet.Row(row).CellsUsed(XLCellsUsedOptions.Contents).FirstOrDefault(c => c.Address.ColumnNumber > headers.Count);
        if (extra is not null)
        {
            yield return new UploadProblem(row, $"column {Letter(extra.Address.ColumnNumber)} is not part of the action plan table. Put the header row back as it was exported");
        }
    }

    private static ActionPlanUploadResult ReadRows(IXLWorksheet sheet, IReadOnlyList<PlanAction> plan)
    {
        var byRef = plan.ToDictionary(a => a.Ref, StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<UploadProblem>();
        var changes = new List<ProgressChange>();
        var columns = LearningSummaryWorkbook.ActionPlanHeaders.Count;

        foreach (var number in DataRows(sheet))
        {
            var cells = Enumerable.Range(1, columns).Select(c => sheet.Cell(number, c)).ToList();
            var formulas = cells.Where(c => c.HasFormula).ToList();
            if (formulas.Count > 0)
            {
                problems.AddRange(formulas.Select(c => new UploadProblem(number, $"column {Letter(c.Address.ColumnNumber)} contains a formula; type the value instead")));
                continue;
            }

            var texts = cells.Select(Text).ToList();
            if (texts.All(t => t.Length == 0))
            {
                continue;
            }

            var reference = texts[0];
            // An export with no actions holds one row of [x] placeholders, not an action.
            if (reference == Shorthand.NoData)
            {
                continue;
            }

            if (reference.Length == 0)
            {
                problems.Add(new UploadProblem(number, "the Ref is empty; every row needs the Ref of its action, as exported"));
                continue;
            }

            if (!byRef.TryGetValue(reference, out var action))
            {
                problems.Add(new UploadProblem(number, $"Ref {Shorten(reference)} is not an action in this plan"));
                continue;
            }

            if (seen.TryGetValue(reference, out var first))
            {
                problems.Add(new UploadProblem(number, $"Ref {action.Ref} is also on row {first}; keep one row per action"));
                continue;
            }

            seen[reference] = number;
            if (Change(number, action, texts[LearningSummaryWorkbook.ActionPlanRagColumn - 1], texts[LearningSummaryWorkbook.ActionPlanPositionColumn - 1], problems) is { } change)
            {
                changes.Add(change);
            }
        }

        if (problems.Count > 0)
        {
            return new ActionPlanUploadResult([], problems);
        }

        return changes.Count == 0 ? Refused(NothingToApply) : new ActionPlanUploadResult(changes, []);
    }

    private static ProgressChange? Change(int row, PlanAction action, string ragText, string position, List<UploadProblem> problems)
    {
        var oldPosition = Comparable(LearningSummaryWorkbook.CurrentPosition(action));
        var newPosition = Comparable(position);
        if (action.Closed)
        {
            if (!string.Equals(ragText, LearningSummaryWorkbook.Complete, StringComparison.OrdinalIgnoreCase) || newPosition != oldPosition)
            {
                problems.Add(new UploadProblem(row, $"action {action.Ref} is closed, so it cannot be changed; put back its RAG ({LearningSummaryWorkbook.Complete}) and current position as exported"));
            }

            return null;
        }

        var rag = LearningSummaryWorkbook.RagChoices.FirstOrDefault(r => string.Equals(r, ragText, StringComparison.OrdinalIgnoreCase));
        if (rag is null)
        {
            problems.Add(new UploadProblem(row, ragText.Length == 0
                ? $"enter a RAG for action {action.Ref}: Red, Amber or Green"
                : $"the RAG for action {action.Ref} must be Red, Amber or Green, not \"{Shorten(ragText)}\"{(string.Equals(ragText, LearningSummaryWorkbook.Complete, StringComparison.OrdinalIgnoreCase) ? " (close an action on its page in CaseAudit)" : "")}"));
        }

        if (ActionRules.Text(newPosition, $"the current position for action {action.Ref}") is { } positionProblem)
        {
            problems.Add(new UploadProblem(row, positionProblem.Length > 0 ? char.ToLowerInvariant(positionProblem[0]) + positionProblem[1..] : positionProblem));
        }

        if (rag is null || problems.Any(p => p.Row == row))
        {
            return null;
        }

        var newRag = Enum.Parse<Rag>(rag);
        return newRag == action.Rag && newPosition == oldPosition
            ? null
            : new ProgressChange(action.Ref, action.Id, action.Version, action.Rag, newRag, oldPosition, newPosition);
    }

    // The rows of the sheet's table when it is still there (so notes typed below it are not
    // read), else every row under the header.
    private static IEnumerable<int> DataRows(IXLWorksheet sheet)
    {
        var first = AccessibleWorkbook.HeaderRow + 1;
        var table = sheet.Tables.FirstOrDefault(t => t.Name == TableName);
        var last = table is not null && table.RangeAddress.FirstAddress.RowNumber == AccessibleWorkbook.HeaderRow
            ? table.RangeAddress.LastAddress.RowNumber
            : sheet.LastRowUsed(XLCellsUsedOptions.Contents)?.RowNumber() ?? 0;
        return last < first ? [] : Enumerable.Range(first, last - first + 1);
    }

    // A cell as the text a person sees in it; numbers as their digits, never calculated.
    private static string Text(IXLCell cell)
    {
        try
        {
            return cell.DataType switch
            {
                XLDataType.Number => cell.GetDouble().ToString(CultureInfo.InvariantCulture),
                XLDataType.DateTime => cell.GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                XLDataType.Boolean => cell.GetBoolean() ? "TRUE" : "FALSE",
                _ => cell.GetString().Trim(),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            return cell.GetString().Trim();
        }
    }

    // The file's XML turns CRLF into LF, and the export drops characters XML cannot hold; the
    // stored text is compared the same way so an untouched position never reads as a change.
    private static string Comparable(string text) => SafeText.Clean(text).Replace("\r\n", "\n").Replace('\r', '\n').Trim();

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..39] + "…";

    private static string Letter(int column)
    {
        var letters = "";
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}
