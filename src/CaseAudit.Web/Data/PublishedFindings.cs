namespace CaseAudit.Web.Data;

/// The findings as they stood when a round was published, kept so later edits (which need a
/// reopen) never change what the board was shown. Stored as JSON: it is a record of a moment.
public sealed class PublishedFindings
{
    public string Id { get; set; } = "";

    public DateTime PublishedAt { get; set; }

    public string Json { get; set; } = "";

    /// What was unfinished when the Coordinator published anyway ("published with 1 of 12 cases
    /// moderated"), and the reason they gave; both null when the work was finished.
    public string? PublishedWith { get; set; }

    public string? Reason { get; set; }
}
