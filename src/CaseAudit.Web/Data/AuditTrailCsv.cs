using System.Globalization;

namespace CaseAudit.Web.Data;

// The trail as RFC 4180 CSV (comma separated, CRLF line ends, quoted where needed), with the
// hashes so a copy can be checked later. Audit text comes from users, and a spreadsheet runs a
// cell that starts with = + - @ (or a tab or CR before one) as a formula, so such cells get a
// leading single quote and are shown as text.
public static class AuditTrailCsv
{
    private static readonly string[] Header =
        ["Seq", "At (UTC)", "Actor id", "Actor", "Actor agency", "Type", "Subject", "Summary", "Before", "After", "IP address", "Previous hash", "Hash"];

    public static void Write(IEnumerable<AuditEntry> entries, TextWriter output)
    {
        WriteRow(output, Header);
        foreach (var e in entries)
        {
            WriteRow(output,
            [
                e.Seq.ToString(CultureInfo.InvariantCulture),
                e.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                e.ActorId, e.ActorName, e.ActorAgencyId, e.Type, e.Subject, e.Summary, e.Before, e.After, e.IpAddress,
                e.PreviousHash, e.Hash,
            ]);
        }
    }

    public static string Cell(string? value)
    {
        // The same rule as the workbooks: control characters a spreadsheet cannot hold are dropped.
        var text = Excel.SafeText.Clean(value, keepCarriageReturns: true);
        if (Excel.SafeText.LooksLikeFormula(text))
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0
            ? "\"" + text.Replace("\"", "\"\"") + "\""
            : text;
    }

    private static void WriteRow(TextWriter output, IEnumerable<string?> cells)
    {
        output.Write(string.Join(',', cells.Select(Cell)));
        output.Write("\r\n");
    }
}
