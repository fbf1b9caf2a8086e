using CaseAudit.Web.Domain.Findings;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Tests.Domain.Findings;

// Small templates, cases and gradings built in code, so each test shows the numbers it checks.
internal static class FindingsData
{
    public const string Outstanding = "Outstanding";
    public const string Good = "Good";
    public const string RequiresImprovement = "Requires improvement";
    public const string Inadequate = "Inadequate";

    public static readonly GradingScale Ofsted = new(
        "Ofsted four-point", [Outstanding, Good, RequiresImprovement, Inadequate], [Outstanding, Good], AllowsNotApplicable: true, Ordinal: true);

    public static readonly GradingScale YesPartlyNo = new("Yes, partly, no", ["Yes", "Partly", "No"], ["Yes"], AllowsNotApplicable: true, Ordinal: false);

    public static TemplateQuestion Graded(string id, params int[] jtai) =>
        new(id, $"Question {id}", [], jtai, EvidenceRequired: false, AnswerKind.Grade, new QuestionSource("kirklees", "Appendix 3"));

    public static TemplateQuestion Text(string id) =>
        new(id, $"Question {id}", [], [], EvidenceRequired: false, AnswerKind.Text, new QuestionSource("kirklees", "Appendix 3"));

    public static TemplateSection Section(string id, params TemplateQuestion[] questions) => new(id, $"Section {id}", null, questions);

    public static AuditTemplate Template(string version, params TemplateSection[] sections) => Template(version, Ofsted, sections);

    public static AuditTemplate Template(string version, GradingScale scale, params TemplateSection[] sections) =>
        new("jtai-neglect", version, "JTAI key areas", "JTAI key areas (neglect)", "Test template", [], scale, sections);

    public static SampledCase Case(string id, string ageBand = "5–11", string level = "Child in need", params string[] categories) =>
        new() { Id = id, Reference = $"NS-{id}", AgeBand = ageBand, Level = level, Categories = [.. categories] };

    public static Grading G(string caseId, string agencyId, string questionId, string grade) => new(caseId, agencyId, questionId, grade, false);

    public static Grading NA(string caseId, string agencyId, string questionId) => new(caseId, agencyId, questionId, null, true);

    public static Finding Row(IReadOnlyList<Finding> rows, string key) => Assert.Single(rows, r => r.Key == key);
}
