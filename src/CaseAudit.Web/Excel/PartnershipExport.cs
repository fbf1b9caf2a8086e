using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Templates;
using SpreadCheetah;
using SpreadCheetah.Metadata;
using SpreadCheetah.Styling;
using SpreadCheetah.Tables;
using SpreadCheetah.Worksheets;

namespace CaseAudit.Web.Excel;

/// Every published or closed round's raw gradings in one table, for the partnership's analysts.
/// It grows with every round, so it is streamed with SpreadCheetah: one round is read from the
/// store at a time and its rows go to the output before the next is read. Plain class, no
/// ASP.NET, so the command line can run it on a read-only store.
public static partial class PartnershipExport
{
    public const string CoverSheet = "Cover";
    public const string GradingsSheet = "Gradings";
    public const string TableName = "Table_gradings";
    public const string AuditType = "export.partnership";

    private const string DateFormat = "d mmm yyyy";

    private static readonly (string Header, double Width)[] Columns =
    [
        ("Round id", 14), ("Round", 36), ("Theme", 36), ("Template id", 18), ("Template version", 10), ("Period from", 13), ("Period to", 13),
        ("Case reference", 16), ("Age band", 10), ("Level", 18), ("Neglect categories", 30), ("Agency", 36), ("Question id", 12), ("Question", 50),
        ("Grade", 22), ("Agreed grade", 22), ("Not applicable reason", 40),
    ];

    private static readonly (string Header, double Width) EvidenceColumn = ("Evidence", 80);

    public static IReadOnlyList<string> Headers(bool withEvidence) =>
        [.. Columns.Select(c => c.Header), .. withEvidence ? new[] { EvidenceColumn.Header } : []];

    public static string FileName(bool withEvidence, DateOnly on) =>
        $"partnership-gradings{(withEvidence ? "-with-evidence" : "")}-{on:yyyy-MM-dd}.xlsx";

    /// The audit entry for one export; rows is null when the export did not finish.
    public static AuditEvent Audit(Actor by, bool withEvidence, string fileName, int? rows) => by.Did(
        type: AuditType,
        summary: $"Partnership gradings exported ({(withEvidence ? "Coordinator's copy, with evidence" : "board's copy, without evidence")})"
            + (rows is null ? ", not finished" : ""),
        subject: "export:partnership",
        after: new { copy = withEvidence ? "Coordinator" : "Board", withEvidence, fileName, rows, finished = rows is not null });

    /// Writes the workbook to any stream (file, memory or an HTTP response body, written
    /// asynchronously) and returns the number of grading rows.
    public static async Task<int> WriteAsync(CaseAuditStore store, TemplateLibrary templates, bool withEvidence, string partnership, Stream output, CancellationToken ct = default)
    {
        using var sink = new AsyncOnlyOutput(output);
        var rows = await WriteSpreadsheetAsync(store, templates, withEvidence, partnership, sink, ct);
        await sink.FlushAsync(ct);
        return rows;
    }

    private static async Task<int> WriteSpreadsheetAsync(CaseAuditStore store, TemplateLibrary templates, bool withEvidence, string partnership, Stream output, CancellationToken ct)
    {
        var options = new SpreadCheetahOptions
        {
            DocumentProperties = new DocumentProperties
            {
                Title = "Partnership gradings: every published round",
                Author = SafeText.Clean(partnership),
                Subject = withEvidence ? "Raw gradings with evidence (Coordinator's copy)" : "Raw gradings without evidence (board's copy)",
            },
            // A leading tab or space is part of what the auditor typed.
            PreserveStringWhitespace = true,
        };
        await using var sheet = await Spreadsheet.CreateNewAsync(output, options, ct);
        var bold = sheet.AddStyle(new Style { Font = { Bold = true, Size = 15 } });
        var date = sheet.AddStyle(new Style { Format = NumberFormat.Custom(DateFormat) });
        var text = sheet.AddStyle(new Style { Format = NumberFormat.Standard(StandardNumberFormat.Text), Alignment = { Vertical = VerticalAlignment.Top } });

        // Ids and sort keys only: each round is read again on its own below.
        var rounds = store.Rounds.Find(r => r.Status == RoundStatus.Published || r.Status == RoundStatus.Closed)
            .Select(r => (r.Id, r.PeriodTo, r.Title))
            .OrderBy(r => r.PeriodTo).ThenBy(r => r.Title, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();

        await WriteCoverAsync(sheet, bold, partnership, withEvidence, rounds.Count, ct);

        var worksheet = new WorksheetOptions();
        var columns = withEvidence ? [.. Columns, EvidenceColumn] : Columns;
        for (var c = 0; c < columns.Length; c++)
        {
            worksheet.Column(c + 1).Width = columns[c].Width;
        }

        await sheet.StartWorksheetAsync(GradingsSheet, worksheet, ct);
        await sheet.AddRowAsync([new Cell(Clean("Raw gradings from every published round"), bold)], ct);
        await sheet.AddRowAsync([new Cell(Clean(withEvidence
            ? "One row per case, agency and graded question from submitted returns of every published or closed round, with the auditor's evidence and the panel's agreed grade."
            : "One row per case, agency and graded question from submitted returns of every published or closed round, with the panel's agreed grade. Evidence is not included."))], ct);
        sheet.StartTable(new Table(TableStyle.Light1, TableName));
        await sheet.AddHeaderRowAsync(columns.Select(c => c.Header).ToList(), token: ct);

        var agencyNames = store.Agencies.FindAll().ToDictionary(a => a.Id, a => a.Name);
        string AgencyName(string id) => agencyNames.GetValueOrDefault(id, id);
        var count = 0;
        var cells = new Cell[columns.Length];
        foreach (var (id, _, _) in rounds)
        {
            ct.ThrowIfCancellationRequested();
            // One round's documents at a time, read fully before any await: a LiteDB cursor must
            // not stay open while the output is written on another thread.
            if (store.Rounds.FindById(id) is not { } round || templates.Find(round.TemplateId, round.TemplateVersion) is not { } stored)
            {
                continue;
            }

            var template = templates.Parse(stored);
            var cases = store.Cases.Find(c => c.RoundId == round.Id).OrderBy(c => c.Reference, StringComparer.OrdinalIgnoreCase).ToList();
            var submitted = store.Returns.Find(r => r.RoundId == round.Id && r.Status == ReturnStatus.Submitted).ToList();
            var moderations = store.Moderations.Find(m => m.RoundId == round.Id && m.Status == ModerationStatus.Moderated).ToList();
            var from = round.PeriodFrom.ToDateTime(TimeOnly.MinValue);
            var to = round.PeriodTo.ToDateTime(TimeOnly.MinValue);
            // What repeats on every row of a round is cleaned once, not once per row.
            var roundCells = new[] { round.Id, round.Title, template.Theme, template.Id, template.Version }.Select(v => new Cell(Clean(v), text)).ToArray();
            var questionText = template.Questions.ToDictionary(q => q.Id, q => new Cell(Clean(q.Text), text));
            var caseCells = new Dictionary<string, Cell[]>();
            var known = new Dictionary<string, Cell>();
            Cell Known(string? value) => known.TryGetValue(value ?? "", out var cell) ? cell : known[value ?? ""] = new Cell(Clean(value), text);
            foreach (var row in RawGradingRows.For(template, cases, submitted, moderations, AgencyName))
            {
                if (!caseCells.TryGetValue(row.Case.Id, out var facts))
                {
                    caseCells[row.Case.Id] = facts = [new Cell(Clean(row.CaseReference), text), new Cell(Clean(row.Case.AgeBand), text),
                        new Cell(Clean(row.Case.Level), text), new Cell(Clean(RawGradingRows.Categories(row.Case)), text)];
                }

                roundCells.CopyTo(cells, 0);
                var i = roundCells.Length;
                cells[i++] = new Cell(from, date);
                cells[i++] = new Cell(to, date);
                facts.CopyTo(cells, i);
                i += facts.Length;
                cells[i++] = Known(row.Agency);
                cells[i++] = Known(row.QuestionId);
                cells[i++] = questionText[row.QuestionId];
                cells[i++] = Known(row.Grade);
                cells[i++] = Known(row.AgreedGrade);
                cells[i++] = new Cell(Clean(row.NotApplicableReason), text);
                if (withEvidence)
                {
                    cells[i++] = new Cell(Clean(row.Evidence), text);
                }

                await sheet.AddRowAsync(cells, ct);
                count++;
            }
        }

        // An Excel table needs a data row; [x] says there was nothing to show.
        if (count == 0)
        {
            await sheet.AddRowAsync(columns.Select(_ => new Cell(Shorthand.NoData, text)).ToArray(), ct);
        }

        await sheet.FinishAsync(ct);
        return count;
    }

    private static async Task WriteCoverAsync(Spreadsheet sheet, StyleId bold, string partnership, bool withEvidence, int rounds, CancellationToken ct)
    {
        var cover = new WorksheetOptions();
        cover.Column(1).Width = 110;
        await sheet.StartWorksheetAsync(CoverSheet, cover, ct);
        var lines = new List<string>
        {
            $"Raw gradings from every published or closed round: {rounds} {(rounds == 1 ? "round" : "rounds")}.",
            $"Produced for {partnership} on {UkTime.DateAndTime(DateTime.UtcNow)} (UK time).",
            "The Gradings sheet holds one table: one row for each case, agency and graded question from submitted returns, the same rows as each round's Raw gradings sheet.",
            "Grade is the agency's own grade. Agreed grade is the panel's, or Not moderated where the panel did not moderate the case.",
            "Cases are known only by pseudonymous case references.",
            withEvidence
                ? "This is the Coordinator's copy. The Evidence column holds auditors' evidence about children's cases: keep it in the partnership's secure storage and do not send it to the board."
                : "This is the board's copy: it holds grades, never auditors' evidence.",
            "How to read the codes:",
        };
        lines.AddRange(Shorthand.Explained);
        await sheet.AddRowAsync([new Cell(Clean("Partnership gradings"), bold)], ct);
        foreach (var line in lines)
        {
            await sheet.AddRowAsync([new Cell(Clean(line))], ct);
        }
    }

    // Spreadsheet XML escapes characters as _xHHHH_, so text that already looks like such an
    // escape gets its underscore escaped and reads back as typed.
    private static string Clean(string? value)
    {
        // SafeText has already made every line break a line feed.
        var text = SafeText.Clean(value);
        return text.Contains("_x", StringComparison.Ordinal) ? EscapeLike().Replace(text, "_x005F$0") : text;
    }

    [System.Text.RegularExpressions.GeneratedRegex("_x[0-9A-Fa-f]{4}_")]
    private static partial System.Text.RegularExpressions.Regex EscapeLike();
}
