using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Tests.Domain.Rounds;

public sealed class RoundLifecycleTests
{
    private static readonly RoundReadiness Ready = new(Cases: 12, CasesWithoutAgencies: 0, OpenConcerns: 0);

    [Theory]
    [InlineData(RoundStatus.Draft, RoundStatus.Grading)]
    [InlineData(RoundStatus.Grading, RoundStatus.Panel)]
    [InlineData(RoundStatus.Panel, RoundStatus.Published)]
    [InlineData(RoundStatus.Published, RoundStatus.Closed)]
    public void Each_forward_step_is_allowed_without_a_reason(RoundStatus from, RoundStatus to) =>
        Assert.Null(RoundLifecycle.Refusal(from, to, null, Ready));

    [Theory]
    [InlineData(RoundStatus.Draft, RoundStatus.Panel)]
    [InlineData(RoundStatus.Draft, RoundStatus.Published)]
    [InlineData(RoundStatus.Grading, RoundStatus.Published)]
    [InlineData(RoundStatus.Closed, RoundStatus.Published)]
    [InlineData(RoundStatus.Closed, RoundStatus.Draft)]
    [InlineData(RoundStatus.Published, RoundStatus.Draft)]
    public void Skipping_steps_or_leaving_closed_is_refused(RoundStatus from, RoundStatus to) =>
        Assert.StartsWith("A round cannot go from", RoundLifecycle.Refusal(from, to, "a reason", Ready));

    [Theory]
    [InlineData(RoundStatus.Grading, RoundStatus.Draft)]
    [InlineData(RoundStatus.Panel, RoundStatus.Grading)]
    [InlineData(RoundStatus.Published, RoundStatus.Panel)]
    public void Reopening_needs_a_reason(RoundStatus from, RoundStatus to)
    {
        Assert.Equal("Enter the reason for reopening", RoundLifecycle.Refusal(from, to, "  ", Ready));
        Assert.Null(RoundLifecycle.Refusal(from, to, "A return was graded against the wrong case", Ready));
    }

    [Fact]
    public void Grading_cannot_start_without_cases_or_with_a_case_no_agency_will_grade()
    {
        Assert.Contains("at least one case", RoundLifecycle.Refusal(RoundStatus.Draft, RoundStatus.Grading, null, Ready with { Cases = 0 }));
        Assert.Contains("2 case(s)", RoundLifecycle.Refusal(RoundStatus.Draft, RoundStatus.Grading, null, Ready with { CasesWithoutAgencies = 2 }));
    }

    [Fact]
    public void An_open_safeguarding_concern_blocks_publishing() =>
        Assert.Contains("safeguarding concern", RoundLifecycle.Refusal(RoundStatus.Panel, RoundStatus.Published, null, Ready with { OpenConcerns = 1 }));

    [Fact]
    public void Moves_offered_from_grading_are_forward_to_panel_and_back_to_draft() =>
        Assert.Equal([RoundStatus.Panel, RoundStatus.Draft], RoundLifecycle.MovesFrom(RoundStatus.Grading).Select(m => m.To));
}
