using ClosedXML.Excel;

namespace CaseAudit.BrowserTests.Pages.Board;

/// A downloaded workbook read back with ClosedXML: its sheets and every cell's text.
public sealed class DownloadedWorkbook
{
    private DownloadedWorkbook(IReadOnlyList<string> sheets, IReadOnlyDictionary<string, string[][]> rows)
    {
        Sheets = sheets;
        Rows = rows;
    }

    public IReadOnlyList<string> Sheets { get; }

    /// Each sheet's used rows, each row's cells as text (A1 first).
    public IReadOnlyDictionary<string, string[][]> Rows { get; }

    public IEnumerable<string> AllText => Rows.Values.SelectMany(r => r).SelectMany(c => c).Where(c => c.Length > 0);

    public static DownloadedWorkbook Open(string path)
    {
        using var workbook = new XLWorkbook(path);
        var rows = new Dictionary<string, string[][]>();
        foreach (var sheet in workbook.Worksheets)
        {
            var used = sheet.RangeUsed();
            rows[sheet.Name] = used is null
                ? []
                : used.Rows().Select(r => r.Cells().Select(c => c.GetFormattedString()).ToArray()).ToArray();
        }

        return new DownloadedWorkbook(workbook.Worksheets.Select(s => s.Name).ToList(), rows);
    }

    /// The values of one column of a sheet's table (its header row is row 3, per the
    /// Analysis Function's layout the app follows).
    public IReadOnlyList<string> Column(string sheet, string header)
    {
        var rows = Rows[sheet];
        var headerRow = rows[2];
        var index = Array.IndexOf(headerRow, header);
        if (index < 0)
        {
            throw new InvalidOperationException($"Sheet {sheet} has no column {header}: {string.Join(", ", headerRow)}");
        }

        return rows.Skip(3).Select(r => index < r.Length ? r[index] : "").ToList();
    }
}
