using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Domain.Findings;

/// How closely one set of grades matches another (in practice: each agency's own grade against
/// the panel's agreed grade), for each agency and each question.
public sealed record AgreementResult(string Key, int N, double? ExactAgreement, double? Kappa)
{
    public string Describe() => ExactAgreement is { } exact
        ? $"{Percent.Format(exact)} exact agreement over {N} grades" + (Kappa is { } k ? $", weighted kappa {k:0.00}" : "")
        : "No grades to compare";
}

public sealed record AgreementReport(AgreementResult Overall, IReadOnlyList<AgreementResult> ByAgency, IReadOnlyList<AgreementResult> ByQuestion);

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
    /// Null, rather than a number, when:
    /// - there are fewer than 2 usable pairs: one case cannot show agreement beyond chance;
    /// - the expected disagreement is 0: that happens only when both raters gave every case the
    ///   same single grade, so chance alone predicts perfect agreement and kappa is 0/0. Reporting
    ///   1 or 0 there would invent a result the data cannot support.
    public static double? QuadraticWeightedKappa(IReadOnlyList<(int Rater1, int Rater2)> pairs, int categories) =>
        WeightedKappa(pairs, categories, (i, j) => (i - j) * (i - j));

    /// Cohen's (1960) unweighted kappa: every disagreement costs the same, near miss or not.
    public static double? UnweightedKappa(IReadOnlyList<(int Rater1, int Rater2)> pairs, int categories) =>
        WeightedKappa(pairs, categories, (i, j) => i == j ? 0 : 1);

    /// Each agency's grades against the agreed (panel) grade for the same case and question.
    /// Only pairs where both sides gave a grade on the scale count; kappa only on an ordinal scale,
    /// because on an unordered one (yes/partly/no treated as categories, say) "how far apart" means
    /// nothing. Exact agreement is meaningful on any scale.
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
            return new AgreementResult(
                key,
                list.Count,
                ExactAgreement(list),
                scale.Ordinal ? QuadraticWeightedKappa(list, scale.Options.Count) : null);
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
