using ClosedXML.Excel;
using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Excel;
using CaseAudit.Web.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Excel;

/// The streamed partnership export, read back with ClosedXML and held to the round workbook's
/// Raw gradings rows, the text-safety rules and the schema.
public sealed class PartnershipExportTests
{
    private static async Task<(byte[] Content, int Rows)> ExportAsync(CaseAuditApp app, bool withEvidence, Stream? through = null)
    {
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var templates = app.Services.GetRequiredService<TemplateLibrary>();
        using var buffer = new MemoryStream();
        var rows = await PartnershipExport.WriteAsync(store, templates, withEvidence, "Northshire Safeguarding Children Partnership", through ?? buffer);
        return (through is null ? buffer.ToArray() : [], rows);
    }

    internal static List<List<string>> TableRows(IXLTable table) =>
        table.DataRange.Rows().Select(r => r.Cells().Select(c => c.GetString()).ToList()).ToList();

    private static List<List<string>> RoundWorkbookRawGradings(CaseAuditApp app, string roundId)
    {
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var round = store.Rounds.FindById(roundId);
        var file = app.Services.GetRequiredService<LearningSummaryExport>()
            .Write(round, SummaryCopy.Coordinator, new Actor(null, "test"));
        using var workbook = new XLWorkbook(new MemoryStream(file.Content));
        return TableRows(workbook.Worksheet(LearningSummaryWorkbook.RawGradingsSheet).Table("Table_raw_gradings"));
    }

    [Fact]
    public async Task The_coordinator_copy_has_the_round_workbooks_raw_gradings_rows_with_round_facts_and_is_valid()
    {
        await using var app = DemoApps.New();
        var (content, rows) = await ExportAsync(app, withEvidence: true);

        Assert.Empty(WorkbookChecks.SchemaErrors(content));
        using var workbook = new XLWorkbook(new MemoryStream(content));
        Assert.Empty(WorkbookChecks.AccessibilityProblems(workbook));
        Assert.Equal([PartnershipExport.CoverSheet, PartnershipExport.GradingsSheet], workbook.Worksheets.Select(w => w.Name));
        Assert.Equal("Northshire Safeguarding Children Partnership", workbook.Properties.Author);
        Assert.False(string.IsNullOrWhiteSpace(workbook.Properties.Subject));

        var sheet = workbook.Worksheet(PartnershipExport.GradingsSheet);
        var table = sheet.Table(PartnershipExport.TableName);
        Assert.Equal(3, table.RangeAddress.FirstAddress.RowNumber);
        Assert.Equal(PartnershipExport.Headers(withEvidence: true), table.HeadersRow().Cells().Select(c => c.GetString()));
        Assert.Equal(rows, table.DataRange.RowCount());

        // Only the demo's published round: the repeat round is still in grading.
        var exported = TableRows(table);
        Assert.All(exported, r => Assert.Equal(DemoRounds.PublishedRoundId, r[0]));
        var expected = RoundWorkbookRawGradings(app, DemoRounds.PublishedRoundId);
        Assert.NotEmpty(expected);
        // Raw gradings: reference, agency, version, question id, question, grade, N/A reason, evidence, agreed.
        var comparable = exported.Select(r => new List<string> { r[7], r[11], r[4], r[12], r[13], r[14], r[16], r[17], r[15] }).ToList();
        Assert.Equal(expected, comparable);

        var first = table.DataRange.Row(1);
        Assert.Equal(XLDataType.DateTime, first.Cell(6).DataType);
        Assert.Equal(new DateTime(2025, 4, 1), first.Cell(6).GetDateTime());
        Assert.Equal(new DateTime(2025, 9, 30), first.Cell(7).GetDateTime());
        Assert.All(table.DataRange.Rows().Take(50).SelectMany(r => r.Cells()).Where(c => c.Address.ColumnNumber is not (6 or 7)),
            c => Assert.Equal(XLDataType.Text, c.DataType));
    }

    [Fact]
    public async Task The_board_copy_has_no_evidence_column_and_no_evidence_text_and_is_valid()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var (content, rows) = await ExportAsync(app, withEvidence: false);

        Assert.Empty(WorkbookChecks.SchemaErrors(content));
        using var workbook = new XLWorkbook(new MemoryStream(content));
        Assert.Empty(WorkbookChecks.AccessibilityProblems(workbook));
        var table = workbook.Worksheet(PartnershipExport.GradingsSheet).Table(PartnershipExport.TableName);
        Assert.DoesNotContain("Evidence", table.HeadersRow().Cells().Select(c => c.GetString()));
        Assert.Equal(PartnershipExport.Headers(withEvidence: false), table.HeadersRow().Cells().Select(c => c.GetString()));
        Assert.Equal(RoundWorkbookRawGradings(app, DemoRounds.PublishedRoundId).Count, rows);

        var evidence = store.Returns.Find(r => r.RoundId == DemoRounds.PublishedRoundId).ToList()
            .SelectMany(r => r.Answers.Values).Select(a => a.Evidence).Where(e => e is { Length: > 20 }).Select(e => e!).Distinct().ToList();
        Assert.NotEmpty(evidence);
        var text = WorkbookChecks.AllText(workbook).ToList();
        Assert.DoesNotContain(text, cell => evidence.Any(e => cell.Contains(e, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Typed_text_stays_text_and_control_characters_are_removed()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        string[] tricky = ["00123", "=1+1", "+x", "-x", "@x", "\tleading tab", "\rleading CR", "bell\u0007 and\u0000 nul\u000B\uFFFE end", "line one\r\nline two"];
        var returns = store.Returns.Find(r => r.RoundId == DemoRounds.PublishedRoundId && r.Status == ReturnStatus.Submitted).ToList();
        var answers = returns.SelectMany(r => r.Answers.Values.Where(a => a.Grade is not null).Select(a => (Return: r, Answer: a))).Take(tricky.Length).ToList();
        for (var i = 0; i < tricky.Length; i++)
        {
            answers[i].Answer.Evidence = tricky[i];
        }

        foreach (var r in answers.Select(a => a.Return).Distinct())
        {
            store.Returns.Update(r);
        }

        var sampled = store.Cases.FindById(returns[0].CaseId);
        sampled.Reference = "00123";
        sampled.Level = "=SUM(A1:A2)";
        store.Cases.Update(sampled);

        var (content, _) = await ExportAsync(app, withEvidence: true);

        Assert.Empty(WorkbookChecks.SchemaErrors(content));
        using var workbook = new XLWorkbook(new MemoryStream(content));
        var cells = workbook.Worksheet(PartnershipExport.GradingsSheet).Table(PartnershipExport.TableName).DataRange.Cells().ToList();
        Assert.DoesNotContain(cells, c => c.HasFormula);
        foreach (var expected in tricky.Select(t => SafeText.Clean(t)))
        {
            var cell = Assert.Single(cells, c => c.Address.ColumnNumber == 18 && c.GetString() == expected);
            Assert.Equal(XLDataType.Text, cell.DataType);
        }

        foreach (var (column, expected) in new[] { (8, "00123"), (10, "=SUM(A1:A2)") })
        {
            var matching = cells.Where(c => c.Address.ColumnNumber == column && c.GetString() == expected).ToList();
            Assert.NotEmpty(matching);
            Assert.All(matching, c => Assert.Equal(XLDataType.Text, c.DataType));
        }

        Assert.Contains(cells, c => c.GetString() == "bell and nul end");
    }

    [Fact]
    public async Task It_writes_to_a_stream_that_only_takes_asynchronous_writes_and_cannot_seek()
    {
        await using var app = DemoApps.New();
        using var buffer = new MemoryStream();
        await using var forward = new ForwardOnlyStream(buffer);
        var (_, rows) = await ExportAsync(app, withEvidence: false, through: forward);

        Assert.True(rows > 0);
        Assert.Empty(WorkbookChecks.SchemaErrors(buffer.ToArray()));
    }

    [Fact]
    public async Task With_no_published_round_the_table_says_no_data()
    {
        await using var app = new CaseAuditApp();
        var (content, rows) = await ExportAsync(app, withEvidence: true);

        Assert.Equal(0, rows);
        Assert.Empty(WorkbookChecks.SchemaErrors(content));
        using var workbook = new XLWorkbook(new MemoryStream(content));
        Assert.Empty(WorkbookChecks.AccessibilityProblems(workbook));
        var row = Assert.Single(TableRows(workbook.Worksheet(PartnershipExport.GradingsSheet).Table(PartnershipExport.TableName)));
        Assert.All(row, v => Assert.Equal(Shorthand.NoData, v));
    }

    /// Like an HTTP response body: no seeking, no length, and synchronous writes refused.
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => throw new InvalidOperationException("Synchronous flush");

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous write");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
    }
}
