using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Templates;

namespace CaseAudit.Tests.Templates;

public sealed class ShippedTemplatesTests
{
    private static readonly TemplateFileSet Shipped = TemplateFiles.Read([CaseAuditApp.ShippedTemplates], CaseAuditApp.RepositoryRoot);

    private static AuditTemplate Get(string id) => Shipped.Valid.Select(f => f.Read.Template!).Single(t => t.Id == id);

    [Fact]
    public void Every_shipped_template_is_valid() =>
        Assert.True(Shipped.Problems.Count == 0, string.Join("\n", Shipped.Problems));

    [Fact]
    public void The_five_themes_are_shipped() =>
        Assert.Equal(
            ["disguised-compliance", "jtai-neglect", "lived-experience", "supervision", "use-of-history"],
            Shipped.Valid.Select(f => f.Read.Template!.Id).Order());

    [Fact]
    public void The_jtai_template_keeps_the_eleven_evaluation_points_word_for_word()
    {
        var graded = Get("jtai-neglect").Questions.Where(q => q.Answer == AnswerKind.Grade).ToList();

        Assert.Equal(11, graded.Count);
        for (var point = 1; point <= 11; point++)
        {
            var question = Assert.Single(graded, q => q.Jtai.SequenceEqual([point]));
            Assert.Equal(JtaiEvaluationPoints.Describe(point), question.Text);
        }
    }

    [Fact]
    public void At_least_one_template_grades_on_a_scale_other_than_ofsteds()
    {
        var scales = Shipped.Valid.Select(f => f.Read.Template!.Scale).ToList();

        Assert.Contains(scales, s => s.Options.SequenceEqual(["Outstanding", "Good", "Requires improvement", "Inadequate"]));
        Assert.Contains(scales, s => s.Options.SequenceEqual(["Yes", "Partly", "No"]) && s.GoodOrBetter.SequenceEqual(["Yes"]));
    }

    [Theory]
    [InlineData("lived-experience")]
    [InlineData("use-of-history")]
    [InlineData("supervision")]
    [InlineData("disguised-compliance")]
    public void Themed_templates_ask_for_the_practitioners_reflection_and_the_familys_feedback(string id)
    {
        var sections = Get(id).Sections;

        Assert.Contains(sections, s => s.Title.Contains("reflection", StringComparison.OrdinalIgnoreCase) && s.Questions.All(q => q.Answer == AnswerKind.Text));
        Assert.Contains(sections, s => s.Title.Contains("family", StringComparison.OrdinalIgnoreCase) && s.Questions.All(q => q.Answer == AnswerKind.Text));
    }

    [Fact]
    public void Every_graded_question_has_guidance_and_every_question_cites_a_source()
    {
        foreach (var template in Shipped.Valid.Select(f => f.Read.Template!))
        {
            Assert.All(template.Questions, q =>
            {
                Assert.NotNull(template.FindSource(q.Source.Doc));
                Assert.False(string.IsNullOrWhiteSpace(q.Source.Section));
            });
            Assert.All(template.Questions.Where(q => q.Answer == AnswerKind.Grade), q => Assert.NotEmpty(q.Guidance));
        }
    }

    [Theory]
    [InlineData("use-of-history", "start-again syndrome")]
    [InlineData("use-of-history", "chronolog")]
    [InlineData("lived-experience", "seen alone")]
    [InlineData("supervision", "escalat")]
    [InlineData("disguised-compliance", "parenting capacity")]
    public void Templates_ask_what_an_experienced_auditor_would_look_for(string id, string phrase) =>
        Assert.Contains(Get(id).Questions, q => (q.Text + " " + string.Join(" ", q.Guidance)).Contains(phrase, StringComparison.OrdinalIgnoreCase));
}
