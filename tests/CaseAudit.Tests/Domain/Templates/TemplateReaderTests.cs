using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Tests.Domain.Templates;

public sealed class TemplateReaderTests
{
    // A valid template; tests break it one way at a time. Line numbers below refer to it.
    private const string Valid = """
        id: test-template
        version: "1.0"
        title: Test template
        theme: Testing
        purpose: To test the reader.
        sources:
          - id: kirklees
            document: Kirklees neglect strategy
        scale:
          name: Ofsted four-point
          options: [Outstanding, Good, Requires improvement, Inadequate]
          good_or_better: [Outstanding, Good]
          not_applicable: true
        sections:
          - id: seen
            title: Seen and heard
            questions:
              - id: Q-01
                text: Was the child seen alone?
                guidance:
                  - Look for direct work.
                jtai: [6, 10]
                evidence_required: true
                source: { doc: kirklees, section: "Appendix 3" }
              - id: Q-02
                text: What would the practitioner do differently?
                answer: text
                source: { doc: kirklees, section: "Lessons" }
        """;

    private static TemplateReadResult Read(string yaml) => TemplateReader.Read("t.yaml", yaml);

    private static TemplateProblem Single(TemplateReadResult result)
    {
        Assert.False(result.IsValid);
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void A_valid_template_reads_into_the_model()
    {
        var result = Read(Valid);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var t = result.Template!;
        Assert.Equal(("test-template", "1.0"), (t.Id, t.Version));
        Assert.Equal(["Outstanding", "Good", "Requires improvement", "Inadequate"], t.Scale.Options);
        Assert.True(t.Scale.IsGoodOrBetter("Good"));
        Assert.False(t.Scale.IsGoodOrBetter("Requires improvement"));
        Assert.True(t.Scale.AllowsNotApplicable);
        Assert.True(t.Scale.Ordinal);
        var q1 = t.Sections[0].Questions[0];
        Assert.Equal([6, 10], q1.Jtai);
        Assert.True(q1.EvidenceRequired);
        Assert.Equal(AnswerKind.Grade, q1.Answer);
        Assert.Equal(new QuestionSource("kirklees", "Appendix 3"), q1.Source);
        Assert.Equal(AnswerKind.Text, t.Sections[0].Questions[1].Answer);
        Assert.Equal(2, t.QuestionCount);
        Assert.Equal(1, t.GradedQuestionCount);
    }

    [Fact]
    public void Malformed_yaml_is_reported_where_the_parser_stopped()
    {
        var problem = Single(Read(Valid.Replace("options: [Outstanding, Good,", "options: [Outstanding, Good")
            .Replace("Requires improvement, Inadequate]", "Requires improvement, Inadequate")));

        Assert.Equal("t.yaml", problem.File);
        Assert.StartsWith("malformed YAML", problem.Message);
        Assert.Equal(11, problem.Line);
    }

    [Fact]
    public void A_wrongly_indented_field_is_malformed_yaml_with_its_line()
    {
        var problem = Single(Read("id: a\nversion: 1\n  title: x\n"));

        Assert.Equal(3, problem.Line);
        Assert.StartsWith("malformed YAML", problem.Message);
    }

    [Fact]
    public void A_missing_field_is_reported_at_the_mapping_that_lacks_it()
    {
        var problem = Single(Read(Valid.Replace("title: Test template\n", "")));

        Assert.Equal((1, 1), (problem.Line, problem.Column));
        Assert.Contains("missing required field 'title'", problem.Message);
    }

    [Fact]
    public void A_question_without_a_source_is_reported_at_the_question()
    {
        var problem = Single(Read(Valid.Replace("        source: { doc: kirklees, section: \"Appendix 3\" }\n", "")));

        Assert.Equal(18, problem.Line);
        Assert.Contains("missing required field 'source'", problem.Message);
    }

    [Fact]
    public void A_repeated_question_id_is_reported_at_the_second_one()
    {
        var problem = Single(Read(Valid.Replace("id: Q-02", "id: Q-01")));

        Assert.Equal((25, 13), (problem.Line, problem.Column));
        Assert.Contains("question id 'Q-01' is repeated", problem.Message);
    }

    [Fact]
    public void A_repeated_field_is_malformed_yaml_at_the_repeat()
    {
        var problem = Single(Read(Valid.Replace("title: Test template\n", "title: Test template\ntitle: Again\n")));

        Assert.Equal(4, problem.Line);
        Assert.Contains("duplicate key", problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_unknown_scale_option_in_good_or_better_is_reported_at_the_option()
    {
        var problem = Single(Read(Valid.Replace("good_or_better: [Outstanding, Good]", "good_or_better: [Outstanding, Excellent]")));

        Assert.Equal((12, 33), (problem.Line, problem.Column));
        Assert.Contains("'Excellent', which is not a scale option", problem.Message);
    }

    [Fact]
    public void Good_or_better_must_be_the_top_of_an_ordinal_scale()
    {
        var problem = Single(Read(Valid.Replace("good_or_better: [Outstanding, Good]", "good_or_better: [Outstanding, Inadequate]")));

        Assert.Equal(12, problem.Line);
        Assert.Contains("must be the best options", problem.Message);
    }

    [Fact]
    public void Not_applicable_cannot_be_a_scale_option()
    {
        var problem = Single(Read(Valid.Replace("Requires improvement, Inadequate]", "Requires improvement, Inadequate, Not applicable]")));

        Assert.Equal(11, problem.Line);
        Assert.Contains("not_applicable: true", problem.Message);
    }

    [Theory]
    [InlineData("[0]", 0)]
    [InlineData("[12]", 12)]
    [InlineData("[6, 99]", 99)]
    public void A_jtai_point_outside_1_to_11_is_reported_at_the_point(string tags, int bad)
    {
        var problem = Single(Read(Valid.Replace("jtai: [6, 10]", $"jtai: {tags}")));

        Assert.Equal(22, problem.Line);
        Assert.Equal($"JTAI evaluation point {bad} is outside 1–11", problem.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# only a comment\n")]
    [InlineData("~\n")]
    public void An_empty_file_is_refused(string yaml)
    {
        var problem = Single(Read(yaml));

        Assert.Equal((1, 1), (problem.Line, problem.Column));
        Assert.Contains("the template is empty", problem.Message);
    }

    [Theory]
    [InlineData("- id: a\n- id: b\n", "a list")]
    [InlineData("just some text\n", "the text 'just some text'")]
    public void A_file_that_is_not_a_mapping_is_refused(string yaml, string described)
    {
        var problem = Single(Read(yaml));

        Assert.Equal(1, problem.Line);
        Assert.Contains($"must be a mapping of fields", problem.Message);
        Assert.EndsWith(described, problem.Message);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_without_parsing()
    {
        var huge = Valid + "\n# " + new string('x', TemplateReader.MaxFileBytes) + "\n";

        var problem = Single(Read(huge));

        Assert.Equal((1, 1), (problem.Line, problem.Column));
        Assert.Contains($"at most {TemplateReader.MaxFileBytes / 1024} KiB", problem.Message);
    }

    [Fact]
    public void Too_many_questions_are_refused()
    {
        var questions = string.Concat(Enumerable.Range(1, TemplateReader.MaxQuestions + 1).Select(i =>
            $"      - id: X-{i}\n        text: Question {i}\n        source: {{ doc: kirklees, section: s }}\n"));
        var yaml = Valid[..Valid.IndexOf("sections:", StringComparison.Ordinal)] + "sections:\n  - id: many\n    title: Many\n    questions:\n" + questions;

        var problem = Single(Read(yaml));

        Assert.Equal(15, problem.Line); // where the list of sections starts
        Assert.Contains($"at most {TemplateReader.MaxQuestions}", problem.Message);
    }

    [Fact]
    public void Every_problem_is_reported_not_just_the_first_in_line_order()
    {
        var yaml = Valid
            .Replace("id: test-template", "id: Test Template")
            .Replace("good_or_better: [Outstanding, Good]", "good_or_better: [Excellent]")
            .Replace("jtai: [6, 10]", "jtai: [6, 13]")
            .Replace("source: { doc: kirklees, section: \"Lessons\" }", "source: { doc: blackpool, section: \"Lessons\" }")
            .Replace("  evidence_required: true", "  evidence_required: true\n        evidance: yes");

        var result = Read(yaml);

        Assert.Equal([1, 12, 22, 24, 29], result.Problems.Select(p => p.Line));
        Assert.Contains(result.Problems, p => p.Message.Contains("unknown field 'evidance'"));
        Assert.Contains(result.Problems, p => p.Message.Contains("source 'blackpool' is not one of the template's sources"));
        Assert.All(result.Problems, p => Assert.Matches(@"^t\.yaml:\d+:\d+: .+", p.ToString()));
    }

    [Fact]
    public void Anchors_and_aliases_are_refused_before_they_can_expand()
    {
        var problem = Single(Read("a: &x [1, 2]\nb: [*x, *x]\n"));

        Assert.Equal(1, problem.Line);
        Assert.Contains("anchors", problem.Message);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused()
    {
        var problem = Single(TemplateReader.Read("t.yaml", [0x69, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));

        Assert.Contains("not UTF-8", problem.Message);
    }

    [Fact]
    public void A_byte_order_mark_is_accepted()
    {
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(Valid)).ToArray();

        Assert.True(TemplateReader.Read("t.yaml", bytes).IsValid);
    }

    [Fact]
    public void A_template_with_only_text_questions_is_refused()
    {
        var yaml = Valid.Replace("        text: Was the child seen alone?\n", "        text: Was the child seen alone?\n        answer: text\n");

        var problem = Single(Read(yaml));

        Assert.Contains("no graded questions", problem.Message);
    }
}
