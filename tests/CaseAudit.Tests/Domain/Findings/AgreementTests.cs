using CaseAudit.Web.Domain.Findings;
using static CaseAudit.Tests.Domain.Findings.FindingsData;

namespace CaseAudit.Tests.Domain.Findings;

public sealed class AgreementTests
{
    [Fact]
    public void Quadratic_weighted_kappa_matches_the_published_metrics_example()
    {
        // The example in the R package Metrics (Ben Hamner), ScoreQuadraticWeightedKappa help page:
        //   rater.a <- c(1, 4, 5, 5, 2, 1); rater.b <- c(2, 2, 4, 5, 3, 3)
        //   ScoreQuadraticWeightedKappa(rater.a, rater.b, 1, 5)   # [1] 0.56
        // Here as scale positions 0..4 (subtract 1).
        //
        // By hand, with disagreement weights w = (i − j)²:
        //   observed Σw: (1,2)=1 (4,2)=4 (5,4)=1 (5,5)=0 (2,3)=1 (1,3)=4           → 11
        //   marginals:   a: 1×2, 2×1, 4×1, 5×2      b: 2×2, 3×2, 4×1, 5×1       N = 6
        //   expected Σw = Σ a_i·b_j·(i − j)² / N:
        //     a=1 (×2): 2·2·1 + 2·2·4 + 2·1·9 + 2·1·16 = 70
        //     a=2 (×1): 0 + 1·2·1 + 1·1·4 + 1·1·9       = 15
        //     a=4 (×1): 1·2·4 + 1·2·1 + 0 + 1·1·1       = 11
        //     a=5 (×2): 2·2·9 + 2·2·4 + 2·1·1 + 0       = 54     → 150 / 6 = 25
        //   kappa = 1 − 11/25 = 0.56
        (int, int)[] pairs = [(0, 1), (3, 1), (4, 3), (4, 4), (1, 2), (0, 2)];

        Assert.Equal(0.56, Agreement.QuadraticWeightedKappa(pairs, 5)!.Value, 10);
    }

    [Fact]
    public void Perfect_agreement_gives_kappa_one()
    {
        (int, int)[] pairs = [(0, 0), (1, 1), (2, 2), (3, 3), (1, 1)];

        Assert.Equal(1.0, Agreement.QuadraticWeightedKappa(pairs, 4)!.Value, 10);
        Assert.Equal(1.0, Agreement.ExactAgreement(pairs));
    }

    [Fact]
    public void Systematically_opposite_grades_give_a_negative_kappa()
    {
        // Observed Σw = 9 + 1 + 1 + 9 = 20; every marginal is 1, so expected Σw = (Σ_i Σ_j (i − j)²) / 4 = 40 / 4 = 10.
        (int, int)[] pairs = [(0, 3), (1, 2), (2, 1), (3, 0)];

        Assert.Equal(-1.0, Agreement.QuadraticWeightedKappa(pairs, 4)!.Value, 10);
        Assert.Equal(0.0, Agreement.ExactAgreement(pairs));
    }

    [Fact]
    public void Near_misses_cost_less_under_quadratic_weights_than_unweighted()
    {
        // Half the pairs agree, half are one step apart; each rater uses every grade twice (N = 8).
        //   unweighted: observed 4 disagreements; expected 8 − Σ 2·2/8 = 8 − 2 = 6   → 1 − 4/6 = 1/3
        //   quadratic:  observed Σw = 4 × 1 = 4; expected Σw = 2·2·40/8 = 20          → 1 − 4/20 = 0.8
        (int, int)[] pairs = [(0, 0), (1, 1), (2, 2), (3, 3), (0, 1), (1, 0), (2, 3), (3, 2)];

        Assert.Equal(1.0 / 3, Agreement.UnweightedKappa(pairs, 4)!.Value, 10);
        Assert.Equal(0.8, Agreement.QuadraticWeightedKappa(pairs, 4)!.Value, 10);
        Assert.Equal(0.5, Agreement.ExactAgreement(pairs));
    }

    [Fact]
    public void Kappa_is_null_with_fewer_than_two_pairs_or_when_both_raters_used_one_grade_throughout()
    {
        Assert.Null(Agreement.QuadraticWeightedKappa([(1, 1)], 4));
        Assert.Null(Agreement.QuadraticWeightedKappa([], 4));
        // Expected disagreement is 0: kappa would be 0/0.
        Assert.Null(Agreement.QuadraticWeightedKappa([(1, 1), (1, 1), (1, 1)], 4));
        Assert.Null(Agreement.ExactAgreement([]));
    }

    [Fact]
    public void Pairs_with_a_not_applicable_side_are_skipped_not_counted_as_disagreement()
    {
        // -1 is GradingScale.Rank's answer for Not applicable.
        (int, int)[] withNa = [(0, 0), (1, 1), (2, -1), (-1, 3), (2, 2)];

        Assert.Equal(1.0, Agreement.ExactAgreement(withNa));
        Assert.Equal(1.0, Agreement.QuadraticWeightedKappa(withNa, 4)!.Value, 10);
    }

    [Fact]
    public void A_position_past_the_end_of_the_scale_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Agreement.QuadraticWeightedKappa([(0, 4), (1, 1)], 4));
    }

    [Fact]
    public void Between_compares_each_agency_with_the_panel_per_agency_and_per_question_ignoring_not_applicable_and_missing()
    {
        Grading[] agreed =
        [
            G("c1", Grading.Panel, "Q1", Good), G("c2", Grading.Panel, "Q1", Inadequate), G("c3", Grading.Panel, "Q1", Outstanding),
            G("c1", Grading.Panel, "Q2", RequiresImprovement), NA("c2", Grading.Panel, "Q2"),
        ];
        Grading[] agencies =
        [
            G("c1", "health", "Q1", Good), G("c2", "health", "Q1", RequiresImprovement), G("c3", "health", "Q1", Outstanding),
            G("c1", "health", "Q2", RequiresImprovement), G("c2", "health", "Q2", Good),   // panel said N/A: skipped
            G("c1", "lac", "Q1", Inadequate), NA("c2", "lac", "Q1"),                      // agency said N/A: skipped
            G("c3", "lac", "Q2", Good),                                                   // no panel grade: skipped
        ];

        var report = Agreement.Between(agencies, agreed, Ofsted);

        var health = Assert.Single(report.ByAgency, r => r.Key == "health");
        Assert.Equal(4, health.N);
        Assert.Equal(0.75, health.ExactAgreement);
        // health vs panel as positions: (1,1) (2,3) (0,0) (2,2). Observed Σw = 1.
        // Marginals: health 0×1, 1×1, 2×2; panel 0×1, 1×1, 2×1, 3×1. Expected Σw = Σ a_i·b_j·(i − j)² / 4:
        //   a=0: 0 + 1 + 4 + 9 = 14;  a=1: 1 + 0 + 1 + 4 = 6;  a=2 (×2): 2·(4 + 1 + 0 + 1) = 12  → 32 / 4 = 8
        //   kappa = 1 − 1/8 = 0.875
        Assert.Equal(0.875, Agreement.QuadraticWeightedKappa([(1, 1), (2, 3), (0, 0), (2, 2)], 4)!.Value, 10);
        // ...but 4 pairs are too few for that number to mean anything, so it is not shown.
        Assert.Equal(new KappaMeasure(4, null, KappaGap.TooFewPairs), health.WeightedKappa);

        var lac = Assert.Single(report.ByAgency, r => r.Key == "lac");
        Assert.Equal((1, 0.0), (lac.N, lac.ExactAgreement!.Value));
        Assert.Equal(new KappaMeasure(1, null, KappaGap.TooFewPairs), lac.WeightedKappa);   // one pair says nothing about agreement beyond chance

        Assert.Equal(["Q1", "Q2"], report.ByQuestion.Select(r => r.Key));
        Assert.Equal([4, 1], report.ByQuestion.Select(r => r.N));
        Assert.Equal(5, report.Overall.N);
        Assert.Equal(0.6, report.Overall.ExactAgreement);
    }

    [Fact]
    public void Between_gives_exact_agreement_but_no_kappa_on_an_unordered_scale()
    {
        Grading[] agreed = [G("c1", Grading.Panel, "Q1", "Yes"), G("c2", Grading.Panel, "Q1", "No"), G("c3", Grading.Panel, "Q1", "Partly")];
        Grading[] agency = [G("c1", "police", "Q1", "Yes"), G("c2", "police", "Q1", "Partly"), G("c3", "police", "Q1", "Partly")];

        var police = Assert.Single(Agreement.Between(agency, agreed, YesPartlyNo).ByAgency);

        Assert.Equal(3, police.N);
        Assert.Equal(2.0 / 3, police.ExactAgreement!.Value, 10);
        Assert.Equal(KappaGap.UnorderedScale, police.WeightedKappa.Why);
        Assert.Null(police.WeightedKappa.Value);
    }

    [Fact]
    public void Kappa_is_not_measured_with_fewer_than_five_pairs_but_exact_agreement_still_is()
    {
        // Four pairs with variation on both sides: the statistic exists (0.875) but one changed
        // grade would swing it, so it is not measured.
        (int, int)[] four = [(1, 1), (2, 3), (0, 0), (2, 2)];

        var measure = Agreement.Measure(four, 4);

        Assert.Equal(new KappaMeasure(4, null, KappaGap.TooFewPairs), measure);
        Assert.False(measure.IsMeasured);
        Assert.Equal("Not enough grades to measure (4 pairs)", measure.Describe());
        Assert.Equal(0.75, Agreement.ExactAgreement(four));
        Assert.Equal("Not enough grades to measure (1 pair)", Agreement.Measure([(1, 1), (2, -1)], 4).Describe());
        Assert.Equal("Not enough grades to measure (0 pairs)", Agreement.Measure([], 4).Describe());
    }

    [Fact]
    public void Kappa_is_measured_from_five_pairs_with_variation_on_both_sides()
    {
        (int, int)[] five = [(1, 1), (2, 3), (0, 0), (2, 2), (3, 3)];

        var measure = Agreement.Measure(five, 4);

        Assert.True(measure.IsMeasured);
        Assert.Equal(5, measure.Pairs);
        Assert.Equal(Agreement.QuadraticWeightedKappa(five, 4)!.Value, measure.Value!.Value, 10);
        Assert.Equal(measure.Value.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), measure.Describe());
    }

    [Fact]
    public void Kappa_is_undefined_not_zero_when_the_panel_gave_one_grade_throughout()
    {
        // The agency varies, the panel said Good every time: quadratic kappa comes out as exactly 0,
        // which would read as "no better than chance" when it measures nothing at all.
        (int, int)[] pairs = [(0, 1), (1, 1), (2, 1), (1, 1), (3, 1), (1, 1)];
        Assert.Equal(0.0, Agreement.QuadraticWeightedKappa(pairs, 4)!.Value, 10);

        var measure = Agreement.Measure(pairs, 4);

        Assert.Equal(new KappaMeasure(6, null, KappaGap.SecondSideConstant), measure);
        Assert.Equal("Not enough grades to measure (6 pairs; every agreed grade was the same)", measure.Describe());
        Assert.Equal(0.5, Agreement.ExactAgreement(pairs));
    }

    [Fact]
    public void Kappa_is_undefined_when_the_agency_gave_one_grade_throughout()
    {
        (int, int)[] pairs = [(2, 0), (2, 1), (2, 2), (2, 3), (2, 2)];

        var measure = Agreement.Measure(pairs, 4);

        Assert.Equal(new KappaMeasure(5, null, KappaGap.FirstSideConstant), measure);
        Assert.Equal("Not enough grades to measure (5 pairs; every agency grade was the same)", measure.Describe());
        Assert.Equal(0.4, Agreement.ExactAgreement(pairs));
    }

    [Fact]
    public void Kappa_is_undefined_when_both_sides_gave_one_grade_throughout()
    {
        (int, int)[] pairs = [(1, 1), (1, 1), (1, 1), (1, 1), (1, 1), (1, 1)];
        Assert.Null(Agreement.QuadraticWeightedKappa(pairs, 4)); // 0/0

        var measure = Agreement.Measure(pairs, 4);

        Assert.Equal(new KappaMeasure(6, null, KappaGap.BothSidesConstant), measure);
        Assert.Equal("Not enough grades to measure (6 pairs; every grade on both sides was the same)", measure.Describe());
        Assert.Equal(1.0, Agreement.ExactAgreement(pairs));
    }

    [Fact]
    public void An_agency_s_summary_gives_exact_agreement_beside_the_reason_kappa_was_not_measured()
    {
        Grading[] agreed = [G("c1", Grading.Panel, "Q1", Good), G("c2", Grading.Panel, "Q1", Inadequate), G("c3", Grading.Panel, "Q1", Outstanding)];
        Grading[] agency = [G("c1", "health", "Q1", Good), G("c2", "health", "Q1", RequiresImprovement), G("c3", "health", "Q1", Outstanding)];

        var health = Assert.Single(Agreement.Between(agency, agreed, Ofsted).ByAgency);

        Assert.Equal("67% exact agreement over 3 grades; weighted kappa: not enough grades to measure (3 pairs)", health.Describe());
    }
}
