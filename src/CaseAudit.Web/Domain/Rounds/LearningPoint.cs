namespace CaseAudit.Web.Domain.Rounds;

public enum LearningKind
{
    Strength,
    AreaForDevelopment,
}

/// What the round taught: a strength or an area for development, written by the Coordinator
/// and tied to the questions and cases that evidence it.
public sealed class LearningPoint
{
    public string Id { get; set; } = Round.NewId();

    public string RoundId { get; set; } = "";

    public LearningKind Kind { get; set; }

    public string Text { get; set; } = "";

    public List<string> QuestionIds { get; set; } = [];

    public List<string> CaseIds { get; set; } = [];

    public DateTime RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";

    public const int MaxText = 2000;

    public static string KindLabel(LearningKind kind) => kind == LearningKind.Strength ? "Strength" : "Area for development";
}
