using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Web.Pages.Board;

/// Which rounds the board may see: published or closed only. Anything else is "not found" for
/// the board, so a crafted address does not even confirm that a round in progress exists.
public static class BoardRound
{
    public static bool IsVisible(Round round) => round.Status is RoundStatus.Published or RoundStatus.Closed;

    public static Round? Find(CaseAuditStore store, string id) =>
        store.Rounds.FindById(id) is { } round && IsVisible(round) ? round : null;

    /// When the round was (last) published, from its history.
    public static DateTime? PublishedAt(Round round) =>
        round.History.LastOrDefault(h => h.To == RoundStatus.Published)?.At;

    public static string Period(Round round) => $"{round.PeriodFrom:d MMMM yyyy} to {round.PeriodTo:d MMMM yyyy}";
}
