using CaseAudit.Web.Domain.Findings;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using static CaseAudit.Tests.Domain.Findings.FindingsData;

namespace CaseAudit.Tests.Domain.Findings;

public sealed class TrendTests
{
    // Version 1.0 asked Q1, Q2 and OLD; version 2.0 dropped OLD, moved Q2 to a new section ahead
    // of Q1, and added NEW.
    private static readonly AuditTemplate Version1 = Template("1.0", Section("a", Graded("Q1"), Graded("Q2"), Graded("OLD")));
    private static readonly AuditTemplate Version2 = Template("2.0", Section("b", Graded("Q2")), Section("a", Graded("Q1"), Graded("NEW")));

    private static RoundFindings Findings(AuditTemplate template, params (string Question, string Agency, int Good, int NotGood, int NotApplicable)[] rows)
    {
        var cases = new List<SampledCase>();
        var gradings = new List<Grading>();
        foreach (var (question, agency, good, notGood, na) in rows)
        {
            var answers = Enumerable.Repeat<string?>(Good, good).Concat(Enumerable.Repeat<string?>(Inadequate, notGood)).Concat(Enumerable.Repeat<string?>(null, na));
            var i = 0;
            foreach (var grade in answers)
            {
                var caseId = $"c{++i}";
                if (cases.All(c => c.Id != caseId))
                {
                    cases.Add(Case(caseId));
                }

                gradings.Add(new Grading(caseId, agency, question, grade, grade is null));
            }
        }

        return FindingsCalculator.For(template, cases, gradings);
    }

    private static readonly RoundFindings Previous = Findings(
        Version1, ("Q1", "health", 7, 5, 0), ("Q2", "health", 3, 1, 0), ("OLD", "police", 1, 1, 0));

    private static readonly RoundFindings Current = Findings(
        Version2, ("Q1", "health", 7, 3, 0), ("Q2", "health", 0, 0, 4), ("NEW", "lac", 2, 0, 0));

    [Fact]
    public void Questions_are_matched_by_id_across_template_versions_in_the_current_order()
    {
        var report = Trend.Compare(Current, Previous);

        Assert.Equal(["Q2", "Q1"], report.ByQuestion.Select(r => r.Key));
        var q1 = Assert.Single(report.ByQuestion, r => r.Key == "Q1");
        Assert.Equal((0.7, 10, 12), (q1.CurrentRate!.Value, q1.CurrentN, q1.PreviousN));
        Assert.Equal(7.0 / 12, q1.PreviousRate!.Value, 10);
        Assert.Equal(70 - (700.0 / 12), q1.ChangePoints!.Value, 10);
        Assert.Equal("up 12 points (70% of 10, was 58% of 12)", q1.Describe());
    }

    [Fact]
    public void A_question_added_in_the_new_version_or_dropped_from_it_has_no_trend_but_is_listed()
    {
        var report = Trend.Compare(Current, Previous);

        Assert.DoesNotContain(report.ByQuestion, r => r.Key is "NEW" or "OLD");
        Assert.Equal(["NEW"], report.NewQuestions.Select(q => q.Key));
        Assert.Equal(["OLD"], report.DroppedQuestions.Select(q => q.Key));
    }

    [Fact]
    public void A_question_with_no_grades_on_one_side_has_no_change()
    {
        var q2 = Assert.Single(Trend.Compare(Current, Previous).ByQuestion, r => r.Key == "Q2");

        Assert.Equal(0, q2.CurrentN);
        Assert.Null(q2.CurrentRate);
        Assert.Null(q2.ChangePoints);
        Assert.Equal("no trend (no grades, was 75% of 4)", q2.Describe());
    }

    [Fact]
    public void Overall_and_agencies_present_in_both_rounds_get_a_trend()
    {
        var report = Trend.Compare(Current, Previous);

        // Overall now: Q1 7/10 + NEW 2/2 = 9 of 12 (75%); before: Q1 7/12 + Q2 3/4 + OLD 1/2 = 11 of 18 (61%).
        Assert.Equal("up 14 points (75% of 12, was 61% of 18)", report.Overall.Describe());
        // Police graded only before and children's social care only now: neither has a trend row.
        Assert.Equal(["health"], report.ByAgency.Select(r => r.Key));
        // 10 of 16 is 62.5%, shown as 63%; the sentence's change is 70 − 63 = 7 so it adds up as read
        // (the exact change, 7.5 points, is in ChangePoints).
        Assert.Equal("up 7 points (70% of 10, was 63% of 16)", report.ByAgency[0].Describe());
        Assert.Equal(7.5, report.ByAgency[0].ChangePoints!.Value, 10);
    }

    [Fact]
    public void A_fall_is_described_as_down()
    {
        var report = Trend.Compare(Previous, Current);

        Assert.Equal("down 12 points (58% of 12, was 70% of 10)", Assert.Single(report.ByQuestion, r => r.Key == "Q1").Describe());
    }
}
