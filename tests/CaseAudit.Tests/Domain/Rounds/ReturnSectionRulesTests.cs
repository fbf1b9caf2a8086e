using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Tests.Domain.Rounds;

public sealed class ReturnSectionRulesTests
{
    private static readonly GradingScale YesNo = new("Yes / No", ["Yes", "No"], ["Yes"], AllowsNotApplicable: true, Ordinal: true);

    private static TemplateQuestion Graded(string id) => new(id, $"Question {id}", [], [], EvidenceRequired: true, AnswerKind.Grade, new QuestionSource("doc", "s"));

    private static TemplateQuestion InWords(string id) => new(id, $"Question {id}", [], [], EvidenceRequired: false, AnswerKind.Text, new QuestionSource("doc", "s"));

    private static readonly AuditTemplate Template = new("t", "1.0", "Test", "Theme", "Purpose", [], YesNo,
    [
        new TemplateSection("first", "First", null, [Graded("A-01"), Graded("A-02")]),
        new TemplateSection("second", "Second", null, [Graded("B-01")]),
        new TemplateSection("words", "In words", null, [InWords("C-01")]),
    ]);

    private static Answer Full() => new() { Grade = "Yes", Evidence = "Seen in the records" };

    [Fact]
    public void A_section_is_not_started_in_progress_or_completed_by_its_required_answers()
    {
        var first = Template.Sections[0];

        Assert.Equal(SectionStatus.NotStarted, ReturnSections.Status(Template, first, new AgencyReturn()));
        // Empty answers (a field sent blank) are not a start.
        Assert.Equal(SectionStatus.NotStarted, ReturnSections.Status(Template, first, new AgencyReturn { Answers = new() { ["A-01"] = new Answer() } }));
        Assert.Equal(SectionStatus.InProgress, ReturnSections.Status(Template, first, new AgencyReturn { Answers = new() { ["A-01"] = Full() } }));
        Assert.Equal(SectionStatus.InProgress, ReturnSections.Status(Template, first, new AgencyReturn { Answers = new() { ["A-01"] = Full(), ["A-02"] = new Answer { Grade = "No" } } }));
        Assert.Equal(SectionStatus.InProgress, ReturnSections.Status(Template, first, new AgencyReturn { Answers = new() { ["A-01"] = Full(), ["A-02"] = new Answer { NotApplicable = true } } }));
        Assert.Equal(SectionStatus.Completed, ReturnSections.Status(Template, first, new AgencyReturn { Answers = new() { ["A-01"] = Full(), ["A-02"] = new Answer { NotApplicable = true, NotApplicableReason = "No role" } } }));
    }

    [Fact]
    public void Another_sections_answers_do_not_move_a_section_on()
    {
        var r = new AgencyReturn { Answers = new() { ["B-01"] = Full() }, OverallGrade = "Yes", ChildVoiceSummary = "Heard" };

        Assert.Equal(SectionStatus.NotStarted, ReturnSections.Status(Template, Template.Sections[0], r));
        Assert.Equal(SectionStatus.Completed, ReturnSections.Status(Template, Template.Sections[1], r));
        Assert.Equal(SectionStatus.NotStarted, ReturnSections.Status(Template, Template.Sections[2], r));
    }

    [Fact]
    public void A_section_of_optional_questions_is_completed_once_any_is_answered()
    {
        var words = Template.Sections[2];

        Assert.Equal(SectionStatus.NotStarted, ReturnSections.Status(Template, words, new AgencyReturn()));
        Assert.Equal(SectionStatus.Completed, ReturnSections.Status(Template, words, new AgencyReturn { Answers = new() { ["C-01"] = new Answer { Text = "Reflection" } } }));
    }

    [Fact]
    public void The_overall_part_needs_both_the_grade_and_the_childs_voice()
    {
        Assert.Equal(SectionStatus.NotStarted, ReturnSections.OverallStatus(new AgencyReturn { ChildVoiceSummary = "  " }));
        Assert.Equal(SectionStatus.InProgress, ReturnSections.OverallStatus(new AgencyReturn { OverallGrade = "No" }));
        Assert.Equal(SectionStatus.InProgress, ReturnSections.OverallStatus(new AgencyReturn { ChildVoiceSummary = "Heard" }));
        Assert.Equal(SectionStatus.Completed, ReturnSections.OverallStatus(new AgencyReturn { OverallGrade = "No", ChildVoiceSummary = "Heard" }));
    }

    [Fact]
    public void Merging_a_section_replaces_its_own_answers_and_keeps_every_other_sections()
    {
        var stored = new Dictionary<string, Answer> { ["A-01"] = Full(), ["A-02"] = Full(), ["B-01"] = new Answer { Grade = "No", Evidence = "Kept" } };
        var typed = new Dictionary<string, Answer> { ["A-01"] = new Answer { Grade = "No" }, ["A-02"] = new Answer() };

        var merged = ReturnSections.Merge(Template.Sections[0], stored, typed);

        Assert.Equal("No", merged["A-01"].Grade);
        Assert.Null(merged["A-01"].Evidence);
        // Sent empty: cleared, as the person left it on the form.
        Assert.False(merged.ContainsKey("A-02"));
        Assert.Same(stored["B-01"], merged["B-01"]);
        Assert.Equal(2, merged.Count);
    }

    [Fact]
    public void Only_another_sections_questions_are_outside_a_section()
    {
        var outside = ReturnSections.Outside(Template, Template.Sections[0], ["A-01", "B-01", "ZZ-99"]);

        var problem = Assert.Single(outside);
        Assert.Contains("B-01 is in another section", problem.Message);
    }

    [Fact]
    public void A_problem_knows_its_question()
    {
        Assert.Equal("A-01", new ReturnProblem(ReturnRules.Field("A-01", "Evidence"), "x").QuestionId);
        Assert.Null(new ReturnProblem("OverallGrade", "x").QuestionId);
        Assert.Null(new ReturnProblem("Answers[].Grade", "x").QuestionId);
        Assert.Null(new ReturnProblem("", "x").QuestionId);
    }
}
