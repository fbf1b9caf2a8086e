using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Domain.Findings;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Excel;

/// Who a learning-summary workbook is for. The board's copy never holds return evidence; the
/// Coordinator's adds every grading with its evidence (the Raw gradings sheet).
public enum SummaryCopy
{
    Board,
    Coordinator,
}

/// Everything one round's learning-summary workbook shows, gathered before writing so the
/// writer is a plain function of it. Returns are only there for the Coordinator's copy: the
/// board's copy is built without them, so evidence cannot reach it by mistake.
public sealed record LearningSummary(
    string Partnership,
    SummaryCopy Copy,
    Round Round,
    AuditTemplate Template,
    RoundFindings Findings,
    string Basis,
    Round? Previous,
    RoundFindings? PreviousFindings,
    AgreementReport? Agreement,
    IReadOnlyList<SampledCase> Cases,
    IReadOnlyDictionary<string, string> AgencyNames,
    IReadOnlyList<Grading> AgencyGradings,
    IReadOnlyList<CaseModeration> Moderations,
    IReadOnlyList<LearningPoint> Learning,
    IReadOnlyList<PlanAction> Actions,
    IReadOnlyList<CaseAction> CaseActions,
    IReadOnlyList<AgencyOverallGrade> AgencyOverallGrades,
    IReadOnlyList<AgencyReturn> SubmittedReturns,
    DateTime ProducedAt,
    string ProducedBy)
{
    public string AgencyName(string id) => AgencyNames.GetValueOrDefault(id, id);

    public DateTime? PublishedAt => Round.History.LastOrDefault(h => h.To == RoundStatus.Published)?.At;

    /// Set when the findings were published before the work was finished, as the pages say.
    public string? PublishedWith { get; init; }

    public string? PublishReason { get; init; }
}

/// An agency's own overall grade for a case, from its submitted return (no evidence).
public sealed record AgencyOverallGrade(string CaseId, string AgencyId, string Grade);

/// The custom document properties that tie a workbook to the round it was exported from.
public static class WorkbookIdentity
{
    public const string RoundId = "CaseAudit round";
    public const string TemplateId = "CaseAudit template";
    public const string Copy = "CaseAudit copy";

    // ClosedXML 0.95.4 writes a custom property whose text parses as a number as a number: a
    // round id like 1234e5678901 was exported as "Infinity" and 00012 as 12. So ids are written
    // behind this prefix, which no number starts with; workbooks exported before it carry the
    // bare id and are still read.
    private const string TextPrefix = "id:";

    public static string Write(string id) => TextPrefix + id;

    public static string? Read(string? stored) =>
        stored is not null && stored.StartsWith(TextPrefix, StringComparison.Ordinal) ? stored[TextPrefix.Length..] : stored;
}
