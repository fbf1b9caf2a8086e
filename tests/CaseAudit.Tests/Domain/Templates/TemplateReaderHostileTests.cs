using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Tests.Domain.Templates;

// Shapes an attacker would upload. Depths start moderate: a reader without a depth limit
// must fail these by assertion, not by a stack overflow that takes the test run down.
public sealed class TemplateReaderHostileTests
{
    private static TemplateReadResult Read(string yaml) => TemplateReader.Read("t.yaml", yaml);

    public static TheoryData<string, int> Nested => new()
    {
        { "purpose: " + new string('[', 500) + new string(']', 500) + "\n", 1 },
        { "purpose: " + string.Concat(Enumerable.Repeat("{a: ", 500)) + "b" + new string('}', 500) + "\n", 1 },
        { "title: x\npurpose:\n" + string.Concat(Enumerable.Range(1, 200).Select(i => new string(' ', i) + "a:\n")) + new string(' ', 201) + "b\n", 2 },
        { "purpose:\n" + string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i) + "-\n")) + new string(' ', 200) + "x\n", 1 },
    };

    [Theory]
    [MemberData(nameof(Nested))]
    public void Nesting_deeper_than_a_template_needs_is_refused_with_its_line(string yaml, int firstLine)
    {
        var problem = Assert.Single(Read(yaml).Problems);

        Assert.Contains($"nested more than {TemplateReader.MaxNesting} levels deep", problem.Message);
        Assert.True(problem.Line >= firstLine && problem.Line <= firstLine + TemplateReader.MaxNesting, problem.ToString());
    }

    [Fact]
    public void Nesting_a_hundred_thousand_deep_is_refused_without_overflowing_the_stack()
    {
        foreach (var yaml in new[]
        {
            "purpose: " + new string('[', 100_000) + new string(']', 100_000),
            "purpose: " + string.Concat(Enumerable.Repeat("{a: ", 40_000)) + "b" + new string('}', 40_000),
            "purpose:\n" + string.Concat(Enumerable.Range(0, 600).Select(i => new string(' ', i) + "-\n")),
        })
        {
            // How long this takes is measured in the benchmark project, not asserted here.
            var problem = Assert.Single(Read(yaml).Problems);
            Assert.Contains("nested more than", problem.Message);
        }
    }

    [Fact]
    public void Thousands_of_bad_items_give_a_bounded_list_of_problems()
    {
        var yaml = "sources: [" + string.Join(",", Enumerable.Repeat("1", 30_000)) + "]\n";

        var problems = Read(yaml).Problems;

        Assert.InRange(problems.Count, 1, TemplateReader.MaxProblems + 1);
        Assert.Contains("more problems", problems[^1].Message);
    }

    [Fact]
    public void A_huge_field_name_is_not_echoed_back_whole()
    {
        var problems = Read(new string('k', 1000) + ": x\n").Problems;

        Assert.All(problems, p => Assert.True(p.Message.Length < 500, p.Message));
    }
}
