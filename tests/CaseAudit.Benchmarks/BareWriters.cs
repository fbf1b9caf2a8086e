using ClosedXML.Excel;
using SpreadCheetah;

namespace CaseAudit.Benchmarks;

// The plainest use of each library on the export's rows: the floor the app's own writers are
// compared with. Both return the bytes written, so a writer that silently wrote nothing shows.
public static class BareWriters
{
    public static async Task<long> SpreadCheetahAsync(IReadOnlyList<GradingRow> rows)
    {
        var output = new DiscardingStream();
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(output))
        {
            await spreadsheet.StartWorksheetAsync("Gradings");
            var cells = new DataCell[GradingRows.Headers.Count + 6];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = new DataCell(i < GradingRows.Headers.Count ? GradingRows.Headers[i] : $"Column {i + 1}");
            }

            await spreadsheet.AddRowAsync(cells);
            foreach (var row in rows)
            {
                cells[0] = new DataCell(row.Round);
                cells[1] = new DataCell(row.Theme);
                cells[2] = new DataCell(row.TemplateVersion);
                cells[3] = new DataCell(row.CaseReference);
                cells[4] = new DataCell(row.AgeBand);
                cells[5] = new DataCell(row.Level);
                cells[6] = new DataCell(row.Agency);
                cells[7] = new DataCell(row.QuestionId);
                cells[8] = new DataCell(row.QuestionText);
                cells[9] = new DataCell(row.Grade);
                cells[10] = new DataCell(row.AgreedGrade);
                cells[11] = new DataCell(row.NotApplicableReason);
                cells[12] = new DataCell(row.RoundId);
                cells[13] = new DataCell(row.TemplateId);
                cells[14] = new DataCell(row.PeriodFrom);
                cells[15] = new DataCell(row.PeriodTo);
                cells[16] = new DataCell(row.Categories);
                cells[17] = new DataCell(row.Evidence);
                await spreadsheet.AddRowAsync(cells);
            }

            await spreadsheet.FinishAsync();
        }

        return output.Length;
    }

    public static long ClosedXml(IReadOnlyList<GradingRow> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Gradings");
        var widths = new int[GradingRows.Headers.Count];
        for (var c = 0; c < widths.Length; c++)
        {
            Set(sheet, 1, c, GradingRows.Headers[c], widths);
        }

        var r = 2;
        foreach (var row in rows)
        {
            Set(sheet, r, 0, row.Round, widths);
            Set(sheet, r, 1, row.Theme, widths);
            Set(sheet, r, 2, row.TemplateVersion, widths);
            Set(sheet, r, 3, row.CaseReference, widths);
            Set(sheet, r, 4, row.AgeBand, widths);
            Set(sheet, r, 5, row.Level, widths);
            Set(sheet, r, 6, row.Agency, widths);
            Set(sheet, r, 7, row.QuestionId, widths);
            Set(sheet, r, 8, row.QuestionText, widths);
            Set(sheet, r, 9, row.Grade, widths);
            Set(sheet, r, 10, row.AgreedGrade, widths);
            Set(sheet, r, 11, row.NotApplicableReason, widths);
            r++;
        }

        // AdjustToContents needs GDI+, which Linux lacks: longest text × 1.2 + 2, capped.
        for (var c = 0; c < widths.Length; c++)
        {
            sheet.Column(c + 1).Width = Math.Min(widths[c] * 1.2 + 2, 80);
        }

        var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.Length;
    }

    // SetValue<string> keeps text as text ("00123" stays "00123", "=x" never becomes a formula).
    private static void Set(IXLWorksheet sheet, int row, int column, string text, int[] widths)
    {
        sheet.Cell(row, column + 1).SetValue<string>(text);
        widths[column] = Math.Max(widths[column], text.Length);
    }
}

// Counts what is written and keeps none of it, so the output's size is not in the measure.
public sealed class DiscardingStream : Stream
{
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => _length += count;

    public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _length += buffer.Length;
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        _length += count;
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
