namespace CaseAudit.Web.Domain.Rounds;

public enum RoundStatus
{
    Draft,
    Grading,
    Panel,
    Published,
    Closed,
}

/// The round lifecycle: Draft → Grading → Panel → Published → Closed, one step at a time.
/// Going back a step is a reopening and always needs a reason (it is audited).
public static class RoundLifecycle
{
    public sealed record Move(RoundStatus From, RoundStatus To, bool NeedsReason, string Label);

    private static readonly Move[] Moves =
    [
        new(RoundStatus.Draft, RoundStatus.Grading, false, "Start grading"),
        new(RoundStatus.Grading, RoundStatus.Panel, false, "Move to panel"),
        new(RoundStatus.Panel, RoundStatus.Published, false, "Publish findings"),
        new(RoundStatus.Published, RoundStatus.Closed, false, "Close the round"),
        new(RoundStatus.Grading, RoundStatus.Draft, true, "Reopen planning"),
        new(RoundStatus.Panel, RoundStatus.Grading, true, "Reopen grading"),
        new(RoundStatus.Published, RoundStatus.Panel, true, "Reopen the published round"),
    ];

    public static IReadOnlyList<Move> MovesFrom(RoundStatus from) => Moves.Where(m => m.From == from).ToList();

    public static Move? Find(RoundStatus from, RoundStatus to) => Moves.FirstOrDefault(m => m.From == from && m.To == to);

    /// Why a move cannot happen now, in words for the Coordinator; null when it can.
    public static string? Refusal(RoundStatus from, RoundStatus to, string? reason, RoundReadiness readiness)
    {
        if (Find(from, to) is not { } move)
        {
            return $"A round cannot go from {from} to {to}";
        }

        if (move.NeedsReason && string.IsNullOrWhiteSpace(reason))
        {
            return "Enter the reason for reopening";
        }

        return to switch
        {
            RoundStatus.Grading when from == RoundStatus.Draft && readiness.Cases == 0 => "Add at least one case to the sample before grading starts",
            RoundStatus.Grading when from == RoundStatus.Draft && readiness.CasesWithoutAgencies > 0 =>
                $"{readiness.CasesWithoutAgencies} case(s) have no participating agency involved: each case needs at least one",
            RoundStatus.Published when readiness.OpenConcerns > 0 =>
                $"{readiness.OpenConcerns} immediate safeguarding concern(s) are still open: record the follow-up before publishing",
            _ => null,
        };
    }
}

/// What the lifecycle needs to know about a round's contents.
public sealed record RoundReadiness(int Cases, int CasesWithoutAgencies, int OpenConcerns);
