namespace CaseAudit.Web.Domain.Rounds;

/// One themed audit round. The template version is fixed when the round is created, so a
/// later version never changes what this round's auditors answer.
public sealed class Round
{
    /// The most cases one round's sample may hold, however they were added.
    public const int MaxCases = 500;

    public string Id { get; set; } = NewId();

    public string Title { get; set; } = "";

    public string TemplateId { get; set; } = "";

    public string TemplateVersion { get; set; } = "";

    public DateOnly PeriodFrom { get; set; }

    public DateOnly PeriodTo { get; set; }

    public DateOnly GradingDeadline { get; set; }

    public List<string> AgencyIds { get; set; } = [];

    public RoundStatus Status { get; set; } = RoundStatus.Draft;

    public List<StatusChange> History { get; set; } = [];

    /// How the sample was drawn, when the sampling assistant drew it (kept to explain and
    /// reproduce the draw).
    public SampleDraw? Draw { get; set; }

    /// Draws made before the latest one: a draw adds to the sample, and each keeps its seed.
    public List<SampleDraw> EarlierDraws { get; set; } = [];

    /// How many days before the grading deadline auditors with returns not submitted are
    /// reminded by email (the Coordinator chooses; none when empty). A round saved before this
    /// existed reads the default.
    public List<int> ReminderDays { get; set; } = [.. Email.ReminderSchedule.DefaultDaysBefore];

    /// Who sits on the moderation panel besides the Coordinators, who always do.
    public List<string> PanelUserIds { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    /// Goes up by one on every save; a save carrying an older number is a conflict.
    public int Version { get; set; } = 1;

    public static string NewId() => Guid.NewGuid().ToString("N")[..12];
}

public sealed record StatusChange(RoundStatus From, RoundStatus To, DateTime At, string By, string? Reason);

/// A sampled child's case, known only by a pseudonymous reference.
public sealed class SampledCase
{
    public string Id { get; set; } = Round.NewId();

    public string RoundId { get; set; } = "";

    public string Reference { get; set; } = "";

    public string AgeBand { get; set; } = "";

    public string Level { get; set; } = "";

    public List<string> Categories { get; set; } = [];

    public string? Gender { get; set; }

    public string? EthnicityGroup { get; set; }

    public List<string> RiskFactors { get; set; } = [];

    public string AssessmentTool { get; set; } = "None";

    public List<string> AgencyIds { get; set; } = [];

    /// Goes up by one on every change while planning; a change carrying an older number is a conflict.
    public int Version { get; set; } = 1;
}

public enum ReturnStatus
{
    NotStarted,
    InProgress,
    Submitted,
}

/// One agency's answers for one case. Auditors see only their own agency's returns until the
/// panel stage (blind grading).
public sealed class AgencyReturn : IAgencyScoped
{
    public string Id { get; set; } = "";

    public string RoundId { get; set; } = "";

    public string CaseId { get; set; } = "";

    public string AgencyId { get; set; } = "";

    public ReturnStatus Status { get; set; }

    public Dictionary<string, Answer> Answers { get; set; } = [];

    public string? OverallGrade { get; set; }

    public string? ChildVoiceSummary { get; set; }

    public int Version { get; set; }

    public DateTime? UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public DateTime? SubmittedAt { get; set; }

    public string? SubmittedBy { get; set; }

    public static string KeyOf(string caseId, string agencyId) => $"{caseId}.{agencyId}";
}

/// The answer to one question: a grade on the template's scale, or "Not applicable" with a
/// reason (never a grade), or free text for a text question.
public sealed class Answer
{
    public string? Grade { get; set; }

    public bool NotApplicable { get; set; }

    public string? NotApplicableReason { get; set; }

    public string? Evidence { get; set; }

    public string? Strengths { get; set; }

    public string? Better { get; set; }

    public string? Text { get; set; }

    public bool IsEmpty =>
        Grade is null && !NotApplicable && string.IsNullOrWhiteSpace(NotApplicableReason) && string.IsNullOrWhiteSpace(Evidence)
        && string.IsNullOrWhiteSpace(Strengths) && string.IsNullOrWhiteSpace(Better) && string.IsNullOrWhiteSpace(Text);
}

/// A child who may be at risk of significant harm now, found while auditing. Never blind: the
/// Coordinator sees it at once, and the round cannot be published while it is open.
public sealed class SafeguardingConcern
{
    public string Id { get; set; } = Round.NewId();

    public string RoundId { get; set; } = "";

    public string CaseId { get; set; } = "";

    public string AgencyId { get; set; } = "";

    public string WhatWasSeen { get; set; } = "";

    public string ActionTaken { get; set; } = "";

    public string RaisedBy { get; set; } = "";

    public DateTime RaisedAt { get; set; }

    public string? FollowUp { get; set; }

    public string? FollowUpBy { get; set; }

    public DateTime? FollowUpAt { get; set; }

    public bool IsOpen => FollowUp is null;
}
