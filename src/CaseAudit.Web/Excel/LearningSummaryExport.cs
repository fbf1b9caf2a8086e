using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Rounds;

namespace CaseAudit.Web.Excel;

/// A workbook ready to hand over, with the audit entry that records who exported what. The
/// caller appends the entry: the app straight into the trail, the command line through
/// ExportAuditInbox when the app holds the data file.
public sealed record ExportFile(string FileName, byte[] Content, AuditEvent Audit)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

public sealed class LearningSummaryExport(LearningSummaryReader reader, Partnership partnership, TimeProvider clock)
{
    /// The board may read a round once published; the Coordinator from the panel stage on.
    public static bool CanExport(Round round, SummaryCopy copy) =>
        copy == SummaryCopy.Board
            ? round.Status is RoundStatus.Published or RoundStatus.Closed
            : round.Status >= RoundStatus.Panel;

    public ExportFile Write(Round round, SummaryCopy copy, Actor by)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var summary = reader.Read(round, copy, partnership.Name, by.Name, now);
        using var buffer = new MemoryStream();
        LearningSummaryWorkbook.Write(summary, buffer);
        var fileName = LearningSummaryWorkbook.FileName(round, copy, UkTime.Day(now));
        var audit = by.Did(
            type: "export.learning-summary",
            summary: $"Learning summary for '{round.Title}' exported ({(copy == SummaryCopy.Coordinator ? "Coordinator's copy, with evidence" : "board's copy")})",
            subject: RoundPlanner.Subject(round),
            after: new { copy = copy.ToString(), fileName, cases = summary.Cases.Count, status = round.Status.ToString() });
        return new ExportFile(fileName, buffer.ToArray(), audit);
    }
}
