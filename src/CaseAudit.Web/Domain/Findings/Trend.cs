namespace CaseAudit.Web.Domain.Findings;

/// One row's "good or better" rate this round against the last.
public sealed record TrendRow(string Key, string Label, double? CurrentRate, int CurrentN, double? PreviousRate, int PreviousN)
{
    /// Change in percentage points; null when either round has no grades, since a rate from
    /// nothing cannot go up or down.
    public double? ChangePoints => CurrentN == 0 || PreviousN == 0 || CurrentRate is null || PreviousRate is null
        ? null
        : (CurrentRate.Value - PreviousRate.Value) * 100;

    // The change is worked out from the whole percentages shown, so the sentence always adds up
    // for the reader: "70%, was 58%" says "up 12", even though 7/10 − 7/12 is 11.67 points.
    public string Describe()
    {
        var now = CurrentRate is { } c ? $"{Percent.Format(c)} of {CurrentN}" : "no grades";
        var was = PreviousRate is { } p ? $"{Percent.Format(p)} of {PreviousN}" : "no grades";
        if (ChangePoints is null)
        {
            return $"no trend ({now}, was {was})";
        }

        var points = Percent.Whole(CurrentRate!.Value) - Percent.Whole(PreviousRate!.Value);
        var change = points switch
        {
            > 0 => $"up {Points(points)}",
            < 0 => $"down {Points(-points)}",
            _ => "no change",
        };
        return $"{change} ({now}, was {was})";
    }

    private static string Points(int points) => points == 1 ? "1 point" : $"{points} points";
}

/// Rows are matched by key: questions by question id, so a question carried into a new template
/// version keeps its trend. A question only one round asked has no trend; it is listed as new or
/// dropped instead of silently disappearing.
public sealed record TrendReport(
    TrendRow Overall,
    IReadOnlyList<TrendRow> ByQuestion,
    IReadOnlyList<TrendRow> ByAgency,
    IReadOnlyList<Finding> NewQuestions,
    IReadOnlyList<Finding> DroppedQuestions);

public static class Trend
{
    public static TrendReport Compare(RoundFindings current, RoundFindings previous) =>
        new(
            Row(current.Overall, previous.Overall),
            Match(current.ByQuestion, previous.ByQuestion),
            Match(current.ByAgency, previous.ByAgency),
            current.ByQuestion.Where(q => previous.ByQuestion.All(p => p.Key != q.Key)).ToList(),
            previous.ByQuestion.Where(p => current.ByQuestion.All(q => q.Key != p.Key)).ToList());

    // In the current round's order, with its (newer) wording as the label.
    private static List<TrendRow> Match(IReadOnlyList<Finding> current, IReadOnlyList<Finding> previous) =>
        current
            .Select(c => (Current: c, Previous: previous.FirstOrDefault(p => p.Key == c.Key)))
            .Where(m => m.Previous is not null)
            .Select(m => Row(m.Current, m.Previous!))
            .ToList();

    private static TrendRow Row(Finding current, Finding previous) =>
        new(
            current.Key,
            current.Label,
            current.Distribution.GoodOrBetterRate,
            current.Distribution.N,
            previous.Distribution.GoodOrBetterRate,
            previous.Distribution.N);
}
