using CaseAudit.Web.Domain.Findings;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using static CaseAudit.Tests.Domain.Findings.FindingsData;

namespace CaseAudit.Tests.Domain.Findings;

public sealed class FindingsCalculatorTests
{
    // Q1 is tagged with JTAI points 1 and 6, Q2 with 6 only, Q3 (police practice) with 11.
    private static readonly AuditTemplate Jtai = Template(
        "1.0",
        Section("early-help", Graded("Q1", 1, 6), Graded("Q2", 6)),
        Section("police", Graded("Q3", 11), Text("T1")));

    private static readonly SampledCase Infant = Case("c1", "0–2", "Child protection", "Physical", "Emotional");
    private static readonly SampledCase Teenager = Case("c2", "12–18", "Early help", "Emotional");
    private static readonly SampledCase Primary = Case("c3", "5–11", "Child protection", "Educational");
    private static readonly SampledCase[] Cases = [Infant, Teenager, Primary];

    private static readonly Grading[] Gradings =
    [
        G("c1", "health", "Q1", Good), G("c1", "lac", "Q1", Inadequate), G("c1", "health", "Q2", Outstanding), NA("c1", "health", "Q3"),
        G("c2", "health", "Q1", RequiresImprovement), G("c2", "lac", "Q2", Good), NA("c2", "lac", "Q3"),
        G("c3", "lac", "Q1", Good), NA("c3", "lac", "Q2"), NA("c3", "health", "Q3"),
    ];

    [Fact]
    public void By_question_follows_template_order_and_excludes_not_applicable_from_the_rate()
    {
        var findings = FindingsCalculator.For(Jtai, Cases, Gradings);

        Assert.Equal(["Q1", "Q2", "Q3"], findings.ByQuestion.Select(r => r.Key));
        var q1 = Row(findings.ByQuestion, "Q1").Distribution;
        Assert.Equal((4, 2), (q1.N, q1.GoodOrBetterCount));
        var q2 = Row(findings.ByQuestion, "Q2").Distribution;
        Assert.Equal((2, 1, 1.0), (q2.N, q2.NotApplicableCount, q2.GoodOrBetterRate!.Value));
    }

    [Fact]
    public void A_question_everyone_answered_not_applicable_has_no_rate_not_zero_percent()
    {
        var q3 = Row(FindingsCalculator.For(Jtai, Cases, Gradings).ByQuestion, "Q3").Distribution;

        Assert.Equal(0, q3.N);
        Assert.Equal(3, q3.NotApplicableCount);
        Assert.Null(q3.GoodOrBetterRate);
    }

    [Fact]
    public void Overall_counts_every_grade_once_and_ignores_text_questions_unknown_questions_and_unsampled_cases()
    {
        Grading[] extra = [.. Gradings, G("c1", "lac", "T1", Inadequate), G("c1", "lac", "RETIRED", Inadequate), G("not-sampled", "lac", "Q1", Inadequate)];

        var overall = FindingsCalculator.For(Jtai, Cases, extra).Overall;

        Assert.Equal(FindingsCalculator.OverallKey, overall.Key);
        Assert.Equal(6, overall.Distribution.N);
        Assert.Equal(4, overall.Distribution.GoodOrBetterCount);
        Assert.Equal(4, overall.Distribution.NotApplicableCount);
        Assert.Equal("4 of 6 good or better (67%); 4 not applicable", overall.Distribution.Describe());
    }

    [Fact]
    public void A_question_tagged_with_several_jtai_points_counts_in_each()
    {
        var byJtai = FindingsCalculator.For(Jtai, Cases, Gradings).ByJtaiPoint;

        Assert.Equal(["1", "6", "11"], byJtai.Select(r => r.Key));
        Assert.Equal(4, Row(byJtai, "1").Distribution.N);
        // Point 6 has Q1's four grades and Q2's two: Q1 is counted under both 1 and 6.
        Assert.Equal(6, Row(byJtai, "6").Distribution.N);
        Assert.Equal(0, Row(byJtai, "11").Distribution.N);
        Assert.StartsWith("Children who are neglected experience a child-centred approach", Row(byJtai, "6").Label);
    }

    [Fact]
    public void A_case_with_several_categories_of_neglect_counts_in_each_category()
    {
        var byCategory = FindingsCalculator.For(Jtai, Cases, Gradings).ByCategory;

        // CaseFacts order (Emotional, Educational, Physical), and only categories in the sample.
        Assert.Equal(["Emotional", "Educational", "Physical"], byCategory.Select(r => r.Key));
        // The infant's three grades count under both Emotional and Physical; the teenager's two under Emotional.
        Assert.Equal(5, Row(byCategory, "Emotional").Distribution.N);
        Assert.Equal(3, Row(byCategory, "Physical").Distribution.N);
        Assert.Equal(1, Row(byCategory, "Educational").Distribution.N);
        Assert.True(byCategory.Sum(r => r.Distribution.N) > FindingsCalculator.For(Jtai, Cases, Gradings).Overall.Distribution.N);
    }

    [Fact]
    public void Age_band_and_level_slices_follow_case_facts_order_and_list_only_what_was_sampled()
    {
        var findings = FindingsCalculator.For(Jtai, Cases, Gradings);

        Assert.Equal(["0–2", "5–11", "12–18"], findings.ByAgeBand.Select(r => r.Key));
        Assert.Equal([3, 1, 2], findings.ByAgeBand.Select(r => r.Distribution.N));
        Assert.Equal(["Early help", "Child protection"], findings.ByLevel.Select(r => r.Key));
        Assert.Equal([2, 4], findings.ByLevel.Select(r => r.Distribution.N));
    }

    [Fact]
    public void The_panel_s_agreed_grades_are_counted_overall_but_kept_apart_from_the_agencies()
    {
        var template = Template("1.0", Section("s1", Graded("q1"), Graded("q2")));
        Grading[] gradings = [G("c1", Grading.Panel, "q1", Good), G("c1", Grading.Panel, "q2", Inadequate), G("c2", "health", "q1", Good)];

        var findings = FindingsCalculator.For(template, [Case("c1"), Case("c2")], gradings, new Dictionary<string, string> { ["health"] = "Health" });

        Assert.Equal(["Health"], findings.ByAgency.Select(r => r.Label));
        Assert.Equal((Grading.Panel, "Panel's agreed grade", 2), (findings.AgreedByPanel!.Key, findings.AgreedByPanel.Label, findings.AgreedByPanel.Distribution.N));
        Assert.Equal(3, findings.Overall.Distribution.N);
        Assert.Null(FindingsCalculator.For(template, [Case("c2")], gradings).AgreedByPanel);

        // Findings frozen before the panel had its own row are read with it moved out.
        var frozen = findings with { ByAgency = [.. findings.ByAgency, findings.AgreedByPanel with { Label = "Panel (agreed grades)" }], AgreedByPanel = null };
        var read = frozen.WithPanelApart();
        Assert.Equal(["Health"], read.ByAgency.Select(r => r.Label));
        Assert.Equal("Panel's agreed grade", read.AgreedByPanel!.Label);
    }

    [Fact]
    public void By_agency_section_and_case_carry_labels_a_reader_recognises()
    {
        var names = new Dictionary<string, string> { ["health"] = "Health", ["lac"] = "Children's social care" };

        var findings = FindingsCalculator.For(Jtai, Cases, Gradings, names);

        Assert.Equal(["Children's social care", "Health"], findings.ByAgency.Select(r => r.Label));
        Assert.Equal(["lac", "health"], findings.ByAgency.Select(r => r.Key));
        Assert.Equal("2 of 3 good or better (67%); 2 not applicable", Row(findings.ByAgency, "lac").Distribution.Describe());
        Assert.Equal(["early-help", "police"], findings.BySection.Select(r => r.Key));
        Assert.Equal([6, 0], findings.BySection.Select(r => r.Distribution.N));
        Assert.Equal(["NS-c1", "NS-c2", "NS-c3"], findings.ByCase.Select(r => r.Label));
        Assert.Equal([3, 2, 1], findings.ByCase.Select(r => r.Distribution.N));
    }
}
