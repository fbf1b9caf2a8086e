using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Tests.Domain.Rounds;

public sealed class RoundReadinessTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static Round Round(RoundStatus status = RoundStatus.Panel) => new()
    {
        Id = "r1", Status = status, GradingDeadline = new DateOnly(2026, 3, 20), AgencyIds = ["police", "health", "school"],
    };

    private static SampledCase Case(string id, params string[] agencies) => new() { Id = id, RoundId = "r1", Reference = $"NS-{id}", AgencyIds = [.. agencies] };

    private static AgencyReturn Return(string caseId, string agency, ReturnStatus status, string round = "r1") =>
        new() { Id = AgencyReturn.KeyOf(caseId, agency), RoundId = round, CaseId = caseId, AgencyId = agency, Status = status };

    // Three cases: police in all three, health in two, the school in none; one case moderated,
    // one concern open and one followed up.
    private static RoundReadiness Known(Round round, bool withReturns = true) => RoundReadiness.Of(
        round,
        [Case("c1", "police", "health"), Case("c2", "police", "health"), Case("c3", "police", "probation")],
        withReturns
            ?
            [
                Return("c1", "police", ReturnStatus.Submitted), Return("c2", "police", ReturnStatus.InProgress), Return("c3", "police", ReturnStatus.NotStarted),
                Return("c1", "health", ReturnStatus.Submitted), Return("c2", "health", ReturnStatus.Submitted),
                // Another round's return, and one for a case no longer in the sample: neither counts.
                Return("c1", "police", ReturnStatus.Submitted, round: "r2"), Return("gone", "police", ReturnStatus.InProgress),
            ]
            : [],
        [
            new CaseModeration { Id = "c1", RoundId = "r1", CaseId = "c1", Status = ModerationStatus.Moderated },
            new CaseModeration { Id = "c2", RoundId = "r1", CaseId = "c2", Status = ModerationStatus.NotModerated },
        ],
        [
            new SafeguardingConcern { RoundId = "r1", CaseId = "c2" },
            new SafeguardingConcern { RoundId = "r1", CaseId = "c3", FollowUp = "Strategy discussion held" },
            new SafeguardingConcern { RoundId = "r2", CaseId = "x" },
        ],
        Today);

    [Fact]
    public void Returns_are_counted_per_participating_agency_by_status()
    {
        var r = Known(Round());

        Assert.Equal(
            [new AgencyReadiness("police", 1, 1, 1), new AgencyReadiness("health", 2, 0, 0), new AgencyReadiness("school", 0, 0, 0)],
            r.ByAgency);
        Assert.Equal((5, 3, 1, 1, 2), (r.Returns, r.Submitted, r.InProgress, r.NotStarted, r.NotSubmitted));
    }

    [Fact]
    public void Cases_moderated_open_concerns_and_days_to_the_deadline_are_the_rounds_own()
    {
        var r = Known(Round());

        Assert.Equal((3, 1, 2), (r.Cases, r.CasesModerated, r.CasesNotModerated));
        Assert.Equal(1, r.OpenConcerns);
        Assert.Equal(10, r.DaysToDeadline);
        var late = Round();
        late.GradingDeadline = Today.AddDays(-5);
        Assert.Equal(-5, Known(late).DaysToDeadline);
    }

    [Fact]
    public void A_case_no_participating_agency_is_involved_in_is_counted()
    {
        var r = RoundReadiness.Of(Round(RoundStatus.Draft), [Case("c1", "police"), Case("c2", "probation")], [], [], [], Today);

        Assert.Equal(1, r.CasesWithoutAgencies);
    }

    [Fact]
    public void Before_grading_starts_every_involved_pair_is_a_return_to_create_and_not_started()
    {
        var r = Known(Round(RoundStatus.Draft), withReturns: false);

        Assert.Equal(5, r.ReturnsToCreate);
        Assert.Equal((5, 0, 0, 5), (r.Returns, r.Submitted, r.InProgress, r.NotStarted));
        Assert.Equal(0, Known(Round()).ReturnsToCreate);
    }

    [Fact]
    public void Unfinished_work_is_described_for_the_published_findings()
    {
        Assert.Equal("published with 1 of 3 cases moderated and 2 of 5 returns not submitted", Known(Round()).PublishedWith);

        var finished = new RoundReadiness(12, 0, 0, 12, [new("police", 12, 0, 0)], 0, 0);
        Assert.False(finished.Unfinished);
        Assert.Null(finished.PublishedWith);
        Assert.Equal("published with 1 of 12 cases moderated", (finished with { CasesModerated = 1 }).PublishedWith);
        Assert.Equal("published with 12 of 12 cases moderated and 1 of 12 returns not submitted",
            (finished with { ByAgency = [new("police", 11, 1, 0)] }).PublishedWith);
    }
}
