namespace CaseAudit.Web.Domain.Templates;

/// A themed audit template: what auditors answer for each sampled case.
public sealed record AuditTemplate(
    string Id,
    string Version,
    string Title,
    string Theme,
    string Purpose,
    IReadOnlyList<TemplateSource> Sources,
    GradingScale Scale,
    IReadOnlyList<TemplateSection> Sections)
{
    public IEnumerable<TemplateQuestion> Questions => Sections.SelectMany(s => s.Questions);

    public int QuestionCount => Sections.Sum(s => s.Questions.Count);

    public int GradedQuestionCount => Questions.Count(q => q.Answer == AnswerKind.Grade);

    public TemplateSource? FindSource(string id) => Sources.FirstOrDefault(s => s.Id == id);
}

public sealed record TemplateSource(string Id, string Document);

public sealed record TemplateSection(string Id, string Title, string? Intro, IReadOnlyList<TemplateQuestion> Questions);

public enum AnswerKind
{
    Grade,
    Text,
}

public sealed record TemplateQuestion(
    string Id,
    string Text,
    IReadOnlyList<string> Guidance,
    IReadOnlyList<int> Jtai,
    bool EvidenceRequired,
    AnswerKind Answer,
    QuestionSource Source);

public sealed record QuestionSource(string Doc, string Section);

/// A template's grading scale. Options are ordered best first; "Not applicable" is never an
/// option: it is a separate answer that always needs a reason and never counts as a grade.
public sealed record GradingScale(
    string Name,
    IReadOnlyList<string> Options,
    IReadOnlyList<string> GoodOrBetter,
    bool AllowsNotApplicable,
    bool Ordinal)
{
    public const string NotApplicable = "Not applicable";

    public bool IsOption(string answer) => Options.Contains(answer, StringComparer.Ordinal);

    public bool IsGoodOrBetter(string answer) => GoodOrBetter.Contains(answer, StringComparer.Ordinal);

    /// 0 for the best option; -1 when the answer is not on the scale (N/A included).
    public int Rank(string answer) => Options.ToList().IndexOf(answer);
}
