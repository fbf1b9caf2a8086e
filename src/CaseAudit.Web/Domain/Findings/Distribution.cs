using System.Globalization;
using CaseAudit.Web.Domain.Templates;

namespace CaseAudit.Web.Domain.Findings;

public sealed record OptionCount(string Option, int Count, bool GoodOrBetter);

/// How a set of gradings on one scale fell: a count per option (best first), how many were
/// Not applicable, and the "good or better" rate. N/A is never a grade, so it is left out of N
/// and of the rate.
public sealed record Distribution(IReadOnlyList<OptionCount> Counts, int NotApplicableCount, int OffScaleCount)
{
    public int N => Counts.Sum(c => c.Count);

    public int GoodOrBetterCount => Counts.Where(c => c.GoodOrBetter).Sum(c => c.Count);

    /// Between 0 and 1; null when nothing was graded, because "0% good or better" would claim
    /// practice was poor where there is simply no evidence either way.
    public double? GoodOrBetterRate => N == 0 ? null : (double)GoodOrBetterCount / N;

    public int CountOf(string option) => Counts.FirstOrDefault(c => c.Option == option)?.Count ?? 0;

    // OffScaleCount keeps grades that are not on this scale (say, from a return saved against an
    // older template) visible instead of silently dropping them; they are not in N.
    public static Distribution Of(IEnumerable<Grading> gradings, GradingScale scale)
    {
        var counts = new int[scale.Options.Count];
        var notApplicable = 0;
        var offScale = 0;
        foreach (var grading in gradings)
        {
            if (grading.NotApplicable)
            {
                notApplicable++;
                continue;
            }

            if (grading.Grade is null)
            {
                continue;
            }

            var rank = scale.Rank(grading.Grade);
            if (rank < 0)
            {
                offScale++;
            }
            else
            {
                counts[rank]++;
            }
        }

        var options = scale.Options.Select((o, i) => new OptionCount(o, counts[i], scale.IsGoodOrBetter(o))).ToList();
        return new Distribution(options, notApplicable, offScale);
    }

    public string Describe()
    {
        var text = GoodOrBetterRate is { } rate
            ? $"{GoodOrBetterCount} of {N} good or better ({Percent.Format(rate)})"
            : "No grades";
        return NotApplicableCount > 0 ? $"{text}; {NotApplicableCount} not applicable" : text;
    }
}

/// One row of findings: what was counted (Key, stable for code and workbooks), what a reader
/// calls it (Label) and how the gradings fell.
public sealed record Finding(string Key, string Label, Distribution Distribution);

public static class Percent
{
    // Whole percentages, half away from zero, so 62.5% shows as 63% (not banker's 62%).
    public static int Whole(double rate) => (int)Math.Round(rate * 100, MidpointRounding.AwayFromZero);

    public static string Format(double rate) => Whole(rate).ToString(CultureInfo.InvariantCulture) + "%";
}
