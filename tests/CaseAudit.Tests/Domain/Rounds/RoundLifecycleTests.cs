using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Tests.Domain.Rounds;

public sealed class RoundLifecycleTests
{
    // Twelve cases, all moderated; two agencies with every return submitted.
    private static readonly RoundReadiness Ready = new(
        Cases: 12, CasesWithoutAgencies: 0, OpenConcerns: 0, CasesModerated: 12,
        ByAgency: [new("police", 12, 0, 0), new("health", 12, 0, 0)], DaysToDeadline: 5, ReturnsToCreate: 0);

    // One of twelve cases moderated; the health agency left 4 drafts and 3 untouched.
    private static readonly RoundReadiness Unfinished = Ready with
    {
        CasesModerated = 1,
        ByAgency = [new("police", 12, 0, 0), new("health", 5, 4, 3)],
    };

    private static string? Refusal(RoundStatus from, RoundStatus to, string? reason, RoundReadiness readiness, bool understood = false) =>
        RoundLifecycle.Problems(from, to, reason, understood, readiness) is [var first, ..] ? first.Message : null;

    [Theory]
    [InlineData(RoundStatus.Draft, RoundStatus.Grading)]
    [InlineData(RoundStatus.Grading, RoundStatus.Panel)]
    [InlineData(RoundStatus.Panel, RoundStatus.Published)]
    [InlineData(RoundStatus.Published, RoundStatus.Closed)]
    public void Each_forward_step_is_allowed_without_a_reason(RoundStatus from, RoundStatus to) =>
        Assert.Null(Refusal(from, to, null, Ready));

    [Theory]
    [InlineData(RoundStatus.Draft, RoundStatus.Panel)]
    [InlineData(RoundStatus.Draft, RoundStatus.Published)]
    [InlineData(RoundStatus.Grading, RoundStatus.Published)]
    [InlineData(RoundStatus.Closed, RoundStatus.Published)]
    [InlineData(RoundStatus.Closed, RoundStatus.Draft)]
    [InlineData(RoundStatus.Published, RoundStatus.Draft)]
    public void Skipping_steps_or_leaving_closed_is_refused(RoundStatus from, RoundStatus to) =>
        Assert.StartsWith("A round cannot go from", Refusal(from, to, "a reason", Ready));

    [Theory]
    [InlineData(RoundStatus.Grading, RoundStatus.Draft)]
    [InlineData(RoundStatus.Panel, RoundStatus.Grading)]
    [InlineData(RoundStatus.Published, RoundStatus.Panel)]
    public void Reopening_needs_a_reason(RoundStatus from, RoundStatus to)
    {
        var problem = Assert.Single(RoundLifecycle.Problems(from, to, "  ", false, Ready));
        Assert.Equal((RoundLifecycle.ReasonField, "Enter the reason for reopening"), (problem.Field, problem.Message));
        Assert.Null(Refusal(from, to, "A return was graded against the wrong case", Ready));
    }

    [Fact]
    public void Grading_cannot_start_without_cases_or_with_a_case_no_agency_will_grade()
    {
        Assert.Contains("at least one case", Refusal(RoundStatus.Draft, RoundStatus.Grading, null, Ready with { Cases = 0 }));
        Assert.Contains("2 case(s)", Refusal(RoundStatus.Draft, RoundStatus.Grading, null, Ready with { CasesWithoutAgencies = 2 }));
    }

    [Fact]
    public void An_open_safeguarding_concern_blocks_publishing() =>
        Assert.Contains("safeguarding concern", Refusal(RoundStatus.Panel, RoundStatus.Published, null, Ready with { OpenConcerns = 1 }));

    [Fact]
    public void Publishing_unfinished_work_needs_the_tick_and_a_reason_each_against_its_field()
    {
        var neither = RoundLifecycle.Problems(RoundStatus.Panel, RoundStatus.Published, " ", false, Unfinished);
        Assert.Equal([RoundLifecycle.UnderstoodField, RoundLifecycle.ReasonField], neither.Select(p => p.Field));
        Assert.Contains("published with 1 of 12 cases moderated and 7 of 24 returns not submitted", neither[0].Message);

        Assert.Equal([RoundLifecycle.ReasonField], RoundLifecycle.Problems(RoundStatus.Panel, RoundStatus.Published, null, true, Unfinished).Select(p => p.Field));
        Assert.Equal([RoundLifecycle.UnderstoodField], RoundLifecycle.Problems(RoundStatus.Panel, RoundStatus.Published, "Board meets on Monday", false, Unfinished).Select(p => p.Field));
        Assert.Empty(RoundLifecycle.Problems(RoundStatus.Panel, RoundStatus.Published, "Board meets on Monday", true, Unfinished));
    }

    [Fact]
    public void Moving_to_the_panel_with_drafts_needs_no_tick_but_says_they_will_be_locked()
    {
        Assert.Empty(RoundLifecycle.Problems(RoundStatus.Grading, RoundStatus.Panel, null, false, Unfinished));
        var says = RoundLifecycle.WhatHappens(RoundStatus.Grading, RoundStatus.Panel, Unfinished);
        Assert.Contains("4 draft returns will be locked and left out of the findings.", says);
        Assert.Contains("3 returns not started will be locked and left out of the findings.", says);
        Assert.Contains("17 of 24 returns are submitted.", says);
    }

    [Fact]
    public void Publishing_says_what_the_board_will_see_is_missing()
    {
        var says = RoundLifecycle.WhatHappens(RoundStatus.Panel, RoundStatus.Published, Unfinished);
        Assert.Contains("11 cases of 12 are not moderated: their findings use each agency's own grades, not grades the panel agreed.", says);
        Assert.Contains("7 of 24 returns were not submitted and are left out of the findings.", says);
        Assert.Equal(["The findings will be frozen as they are now and shown to the board."], RoundLifecycle.WhatHappens(RoundStatus.Panel, RoundStatus.Published, Ready));
    }

    [Fact]
    public void A_reason_longer_than_the_limit_is_refused() =>
        Assert.Contains("2,000 characters or fewer", Refusal(RoundStatus.Panel, RoundStatus.Grading, new string('x', 2001), Ready));

    [Fact]
    public void Moves_offered_from_grading_are_forward_to_panel_and_back_to_draft() =>
        Assert.Equal([RoundStatus.Panel, RoundStatus.Draft], RoundLifecycle.MovesFrom(RoundStatus.Grading).Select(m => m.To));
}
