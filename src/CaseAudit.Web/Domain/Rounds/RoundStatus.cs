using Humanizer;

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

    public const string ReasonField = "Reason";

    public const string UnderstoodField = "Understood";

    public const int MaxReasonLength = 2000;

    /// Why a move cannot happen now, each in words for the Coordinator against the field it is
    /// about (Reason, Understood, or "" for the move as a whole); empty when it can.
    public static IReadOnlyList<MoveProblem> Problems(RoundStatus from, RoundStatus to, string? reason, bool understood, RoundReadiness readiness)
    {
        if (Find(from, to) is not { } move)
        {
            return [new("", $"A round cannot go from {from} to {to}")];
        }

        var problems = new List<MoveProblem>();
        switch (to)
        {
            case RoundStatus.Grading when from == RoundStatus.Draft && readiness.Cases == 0:
                problems.Add(new("", "Add at least one case to the sample before grading starts"));
                break;
            case RoundStatus.Grading when from == RoundStatus.Draft && readiness.CasesWithoutAgencies > 0:
                problems.Add(new("", $"{readiness.CasesWithoutAgencies} case(s) have no participating agency involved: each case needs at least one"));
                break;
            case RoundStatus.Published when readiness.OpenConcerns > 0:
                problems.Add(new("", $"{readiness.OpenConcerns} immediate safeguarding concern(s) are still open: record the follow-up before publishing"));
                break;
        }

        // Unfinished findings reach the board only knowingly: a tick and a reason, both kept.
        var unfinishedPublish = to == RoundStatus.Published && readiness.Unfinished;
        if (unfinishedPublish && !understood)
        {
            problems.Add(new(UnderstoodField, $"Confirm you understand the findings will be {readiness.PublishedWith}"));
        }

        if ((move.NeedsReason || unfinishedPublish) && string.IsNullOrWhiteSpace(reason))
        {
            problems.Add(new(ReasonField, move.NeedsReason ? "Enter the reason for reopening" : "Enter why the findings should be published before the work is finished"));
        }
        else if (reason?.Trim().Length > MaxReasonLength)
        {
            problems.Add(new(ReasonField, $"The reason must be {MaxReasonLength:N0} characters or fewer (it has {reason.Trim().Length:N0})"));
        }

        return problems;
    }

    /// What the move will do to the round's work, in the numbers it will do it to.
    public static IReadOnlyList<string> WhatHappens(RoundStatus from, RoundStatus to, RoundReadiness r)
    {
        string Returns(int n, string what) => $"{"return".ToQuantity(n)} {what}";
        return (from, to) switch
        {
            (RoundStatus.Draft, RoundStatus.Grading) =>
            [
                $"{Returns(r.ReturnsToCreate, "will be created")}, one for each case and agency involved in it, and auditors can start grading.",
                "The sample can no longer change unless planning is reopened.",
            ],
            (RoundStatus.Grading, RoundStatus.Panel) =>
            [
                .. r.InProgress > 0 ? [$"{"draft return".ToQuantity(r.InProgress)} will be locked and left out of the findings."] : Array.Empty<string>(),
                .. r.NotStarted > 0 ? [$"{Returns(r.NotStarted, "not started")} will be locked and left out of the findings."] : Array.Empty<string>(),
                r.NotSubmitted == 0 ? $"All {Returns(r.Returns, "are")} submitted." : $"{r.Submitted} of {Returns(r.Returns, "are")} submitted.",
                "Auditors can no longer change their returns. The panel sees every agency's submitted answers side by side.",
            ],
            (RoundStatus.Panel, RoundStatus.Published) =>
            [
                .. r.OpenConcerns > 0
                    ? [$"The findings cannot be published while {"immediate safeguarding concern".ToQuantity(r.OpenConcerns)} {(r.OpenConcerns == 1 ? "is" : "are")} open: record the follow-up first."]
                    : Array.Empty<string>(),
                "The findings will be frozen as they are now and shown to the board.",
                .. r.CasesNotModerated > 0
                    ? [$"{"case".ToQuantity(r.CasesNotModerated)} of {r.Cases} {(r.CasesNotModerated == 1 ? "is" : "are")} not moderated: {(r.CasesNotModerated == 1 ? "its" : "their")} findings use each agency's own grades, not grades the panel agreed."]
                    : Array.Empty<string>(),
                .. r.NotSubmitted > 0 ? [$"{r.NotSubmitted} of {Returns(r.Returns, "were")} not submitted and are left out of the findings."] : Array.Empty<string>(),
            ],
            (RoundStatus.Published, RoundStatus.Closed) =>
            [
                "The round is closed for good: it cannot be reopened.",
                "The board keeps seeing its findings as they were published.",
            ],
            (RoundStatus.Grading, RoundStatus.Draft) =>
            [
                "The sample can be changed again. Auditors cannot change their returns until grading starts again; their answers are kept.",
            ],
            (RoundStatus.Panel, RoundStatus.Grading) =>
            [
                r.NotSubmitted == 0
                    ? "Every return is submitted, so auditors can change one only if you reopen it."
                    : $"Auditors can change the {Returns(r.NotSubmitted, "not submitted")} again. Submitted returns stay submitted unless you reopen them one by one.",
            ],
            (RoundStatus.Published, RoundStatus.Panel) =>
            [
                "The board no longer sees the findings until the round is published again; they are frozen afresh when it is.",
            ],
            _ => [],
        };
    }
}

/// Why a move was refused, against the form field it is about ("" for the move as a whole).
public sealed record MoveProblem(string Field, string Message);
