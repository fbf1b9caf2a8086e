namespace CaseAudit.Web.Domain.Rounds;

/// When a round's records may be deleted for good, and when they are due for review.
/// A round counts as closed once its findings are published: Published or Closed. Published is
/// where most rounds end (the board has the findings; "Close" only stops a reopening), and a
/// Published round that is reopened goes back to Panel, where it cannot be deleted. Draft,
/// Grading and Panel are work in progress that someone is still doing.
public static class RoundRetention
{
    public const int DefaultYears = 6;

    public const string ConfirmTitleField = "ConfirmTitle";

    public const string ReasonField = "Reason";

    public const int MaxReasonLength = 2000;

    public static bool IsClosed(Round round) => round.Status is RoundStatus.Published or RoundStatus.Closed;

    /// When the round closed: when it was closed, or else when it was last published; null while open.
    public static DateTime? ClosedAt(Round round) => !IsClosed(round)
        ? null
        : round.History.LastOrDefault(h => h.To == round.Status)?.At
          ?? round.History.LastOrDefault(h => h.To == RoundStatus.Published)?.At;

    /// Closed rounds whose retention period has run out by now, the longest past it first.
    public static IReadOnlyList<(Round Round, DateTime ClosedAt)> DueForReview(IEnumerable<Round> rounds, DateTime now, int years) =>
        rounds.Select(r => (Round: r, ClosedAt: ClosedAt(r)))
            .Where(x => x.ClosedAt is { } at && at.AddYears(Math.Max(0, years)) <= now)
            .Select(x => (x.Round, x.ClosedAt!.Value))
            .OrderBy(x => x.Item2)
            .ToList();

    /// Why this deletion cannot go ahead, against the field it is about ("" for the round as a
    /// whole); empty when it can. The title must be typed as shown (spaces around it and letter
    /// case aside), so the Admin has read which round goes.
    public static IReadOnlyList<MoveProblem> Problems(Round round, string? confirmTitle, string? reason)
    {
        if (!IsClosed(round))
        {
            return [new("", $"The round is {round.Status}: only a round whose findings are published or that is closed can be deleted")];
        }

        var problems = new List<MoveProblem>();
        if (string.IsNullOrWhiteSpace(confirmTitle))
        {
            problems.Add(new(ConfirmTitleField, "Enter the round's title to confirm it should be deleted"));
        }
        else if (!string.Equals(confirmTitle.Trim(), round.Title.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(ConfirmTitleField, "The title you entered is not this round's title: enter it as shown above"));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            problems.Add(new(ReasonField, "Enter why the round is being deleted"));
        }
        else if (reason.Trim().Length > MaxReasonLength)
        {
            problems.Add(new(ReasonField, $"The reason must be {MaxReasonLength:N0} characters or fewer (it has {reason.Trim().Length:N0})"));
        }

        return problems;
    }
}
