using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Domain.Findings;

/// How closely one set of grades matches another (in practice: each agency's own grade against
/// the panel's agreed grade), for each agency and each question. Exact agreement is given whenever
/// there is a pair; weighted kappa only where it measures something (see KappaMeasure).
public sealed record AgreementResult(string Key, int N, double? ExactAgreement, KappaMeasure WeightedKappa)
{
    public string Describe() => ExactAgreement is { } exact
        ? $"{Percent.Format(exact)} exact agreement over {N} grades" + WeightedKappa.Why switch
        {
            KappaGap.None => $", weighted kappa {WeightedKappa.Value:0.00}",
            KappaGap.UnorderedScale => "",
            _ => $"; weighted kappa: {WeightedKappa.Describe().ToLowerInvariant()}",
        }
        : "No grades to compare";
}

public sealed record AgreementReport(AgreementResult Overall, IReadOnlyList<AgreementResult> ByAgency, IReadOnlyList<AgreementResult> ByQuestion);

/// Why weighted kappa was not measured. None when it was.
public enum KappaGap
{
    None,

    /// Fewer than KappaMeasure.MinimumPairs paired grades.
    TooFewPairs,

    /// Every grade on the first side (the agency's) was the same.
    FirstSideConstant,

    /// Every grade on the second side (the panel's agreed grade) was the same.
    SecondSideConstant,

    /// Both sides gave one grade throughout.
    BothSidesConstant,

    /// The scale has no order (yes/partly/no as categories), so "how far apart" means nothing.
    UnorderedScale,
}

/// Weighted kappa, or an explicit "not measurable" with why and how many pairs there were.
///
/// Kappa compares agreement with what the two sides' own mixes of grades would give by chance.
/// When one side gives every case the same grade, chance predicts exactly the agreement observed
/// and quadratic kappa comes out as 0 (both constant: 0/0): not "no better than chance" but no
/// information at all, so it is not measured. Under 5 pairs one disagreement swings kappa from
/// near 1 to below 0, so it is not measured either; % exact agreement is still given.
public sealed record KappaMeasure(int Pairs, double? Value, KappaGap Why)
{
    public const int MinimumPairs = 5;

    public bool IsMeasured => Why == KappaGap.None;

    public string Describe() => Why switch
    {
        KappaGap.None => Value!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
        KappaGap.TooFewPairs => $"Not enough grades to measure ({PairsText})",
        KappaGap.FirstSideConstant => $"Not enough grades to measure ({PairsText}; every agency grade was the same)",
        KappaGap.SecondSideConstant => $"Not enough grades to measure ({PairsText}; every agreed grade was the same)",
        KappaGap.BothSidesConstant => $"Not enough grades to measure ({PairsText}; every grade on both sides was the same)",
        _ => "Not measured: the scale has no order",
    };

    private string PairsText => Pairs == 1 ? "1 pair" : $"{Pairs} pairs";
}

public static class Agreement
{
    // Pairs hold positions on the scale (GradingScale.Rank: 0 is the best option). A position of -1
    // is what Rank gives for Not applicable or anything off the scale: such a pair is skipped, so
    // N/A never counts as agreement or disagreement.

    /// Share of pairs where both gave the same grade; null when there is nothing to compare.
    public static double? ExactAgreement(IReadOnlyList<(int Rater1, int Rater2)> pairs)
    {
        var usable = Usable(pairs, int.MaxValue);
        return usable.Count == 0 ? null : (double)usable.Count(p => p.Rater1 == p.Rater2) / usable.Count;
    }

    /// Cohen's (1968) weighted kappa with quadratic disagreement weights (i − j)², the usual choice
    /// for an ordered scale: a two-step miss (Good against Inadequate) costs four times a one-step
    /// miss. kappa = 1 − Σ w·observed / Σ w·expected, where "expected" is what the two raters'
    /// own mixes of grades would give by chance.
    ///
    /// The statistic only: null where it cannot be worked out (fewer than 2 usable pairs, or both
    /// raters gave one grade throughout, which makes it 0/0). Whether it means anything is
    /// Measure's decision.
    public static double? QuadraticWeightedKappa(IReadOnlyList<(int Rater1, int Rater2)> pairs, int categories) =>
        WeightedKappa(pairs, categories, (i, j) => (i - j) * (i - j));

    /// Quadratic-weighted kappa where it measures something, otherwise why not, with the number of
    /// usable pairs either way: at least KappaMeasure.MinimumPairs, and some variation on each side.
    public static KappaMeasure Measure(IReadOnlyList<(int Rater1, int Rater2)> pairs, int categories, bool ordinal = true)
    {
        var usable = Usable(pairs, categories);
        if (!ordinal)
        {
            return new KappaMeasure(usable.Count, null, KappaGap.UnorderedScale);
        }

        if (usable.Count < KappaMeasure.MinimumPairs)
        {
            return new KappaMeasure(usable.Count, null, KappaGap.TooFewPairs);
        }

        var firstConstant = usable.Select(p => p.Rater1).Distinct().Count() == 1;
        var secondConstant = usable.Select(p => p.Rater2).Distinct().Count() == 1;
        if (firstConstant || secondConstant)
        {
            var why = firstConstant && secondConstant ? KappaGap.BothSidesConstant : firstConstant ? KappaGap.FirstSideConstant : KappaGap.SecondSideConstant;
            return new KappaMeasure(usable.Count, null, why);
        }

        return new KappaMeasure(usable.Count, QuadraticWeightedKappa(usable, categories), KappaGap.None);
    }

    /// Cohen's (1960) unweighted kappa: every disagreement costs the same, near miss or not.
    public static double? UnweightedKappa(IReadOnlyList<(int Rater1, int Rater2)> pairs, int categories) =>
        WeightedKappa(pairs, categories, (i, j) => i == j ? 0 : 1);

    /// Each agency's grades against the agreed (panel) grade for the same case and question.
    /// Only pairs where both sides gave a grade on the scale count; kappa only on an ordinal scale,
    /// because on an unordered one (yes/partly/no treated as categories, say) "how far apart" means
    /// nothing. Exact agreement is meaningful on any scale. Rater 1 is the agency, rater 2 the panel.
    public static AgreementReport Between(IReadOnlyList<Grading> agencyGradings, IReadOnlyList<Grading> agreed, GradingScale scale)
    {
        var agreedByCaseQuestion = agreed
            .Where(g => !g.NotApplicable && g.Grade is not null)
            .GroupBy(g => (g.CaseId, g.QuestionId))
            .ToDictionary(g => g.Key, g => scale.Rank(g.Last().Grade!));

        var matched = agencyGradings
            .Where(g => !g.IsPanel && !g.NotApplicable && g.Grade is not null)
            .Select(g => (Grading: g, Pair: (Rater1: scale.Rank(g.Grade!), Rater2: agreedByCaseQuestion.GetValueOrDefault((g.CaseId, g.QuestionId), -1))))
            .Where(m => m.Pair.Rater1 >= 0 && m.Pair.Rater2 >= 0)
            .ToList();

        AgreementResult Result(string key, IEnumerable<(int, int)> pairs)
        {
            var list = pairs.ToList();
            return new AgreementResult(key, list.Count, ExactAgreement(list), Measure(list, scale.Options.Count, scale.Ordinal));
        }

        // Rows in the order agencies and questions first appear in the agency gradings (template
        // order when they come from Gradings.FromReturns).
        var agencies = agencyGradings.Where(g => !g.IsPanel).Select(g => g.AgencyId).Distinct();
        var questions = agencyGradings.Where(g => !g.IsPanel).Select(g => g.QuestionId).Distinct();

        return new AgreementReport(
            Result(FindingsCalculator.OverallKey, matched.Select(m => m.Pair)),
            agencies.Select(a => Result(a, matched.Where(m => m.Grading.AgencyId == a).Select(m => m.Pair))).ToList(),
            questions.Select(q => Result(q, matched.Where(m => m.Grading.QuestionId == q).Select(m => m.Pair))).ToList());
    }

    private static double? WeightedKappa(IReadOnlyList<(int Rater1, int Rater2)> pairs, int categories, Func<int, int, double> weight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(categories, 2);
        var usable = Usable(pairs, categories);
        if (usable.Count < 2)
        {
            return null;
        }

        var rater1 = new double[categories];
        var rater2 = new double[categories];
        var observed = 0.0;
        foreach (var (a, b) in usable)
        {
            rater1[a]++;
            rater2[b]++;
            observed += weight(a, b);
        }

        // Expected weighted disagreement, in the same units as observed (counts of pairs):
        // Σ_i Σ_j w(i, j) · row_i · col_j / N.
        var expected = 0.0;
        for (var i = 0; i < categories; i++)
        {
            for (var j = 0; j < categories; j++)
            {
                expected += weight(i, j) * rater1[i] * rater2[j];
            }
        }

        expected /= usable.Count;
        return expected == 0 ? null : 1 - (observed / expected);
    }

    private static List<(int Rater1, int Rater2)> Usable(IReadOnlyList<(int Rater1, int Rater2)> pairs, int categories)
    {
        var usable = new List<(int, int)>();
        foreach (var (a, b) in pairs)
        {
            if (a < 0 || b < 0)
            {
                continue;
            }

            // A position past the end of the scale is a bug in the caller, not a missing grade.
            if (a >= categories || b >= categories)
            {
                throw new ArgumentOutOfRangeException(nameof(pairs), (a, b), $"Grades must be positions 0 to {categories - 1} on the scale.");
            }

            usable.Add((a, b));
        }

        return usable;
    }
}
