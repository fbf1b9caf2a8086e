using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Tests.Domain.Rounds;

public sealed class RoundPlanTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    private static RoundPlan Plan(DateOnly to, DateOnly deadline, params string[] agencies) =>
        new("Supervision: winter", to.AddMonths(-6), to, deadline, agencies.Length == 0 ? ["police"] : agencies);

    private static SampledCase Case(string reference, params string[] agencies) =>
        new() { Reference = reference, AgeBand = "5–11", Level = "Universal", Categories = ["Emotional"], AgencyIds = [.. agencies] };

    private static IReadOnlyList<PlanProblem> Problems(RoundPlan plan, params SampledCase[] cases) =>
        plan.Problems(Today, ["police", "health"], cases, id => $"Northshire {id}");

    [Theory]
    [InlineData(2026, 12, 9, 2026, 12, 10)] // the day after the period
    [InlineData(2026, 11, 30, 2026, 12, 3)] // today
    [InlineData(2026, 6, 30, 2027, 1, 15)]
    public void A_deadline_after_the_period_and_not_before_today_is_fine(int ty, int tm, int td, int dy, int dm, int dd)
    {
        Assert.Empty(Problems(Plan(new DateOnly(ty, tm, td), new DateOnly(dy, dm, dd))));
    }

    [Fact]
    public void A_deadline_on_or_before_the_last_day_of_the_period_is_refused_naming_that_day()
    {
        var onTheDay = Assert.Single(Problems(Plan(new DateOnly(2026, 12, 20), new DateOnly(2026, 12, 20))));
        var before = Assert.Single(Problems(Plan(new DateOnly(2026, 12, 20), new DateOnly(2026, 12, 10))));

        Assert.Equal(RoundPlan.DeadlineField, onTheDay.Field);
        Assert.Equal("The grading deadline must be after the end of the period under review (20 December 2026)", onTheDay.Message);
        Assert.Equal(onTheDay, before);
    }

    [Fact]
    public void A_deadline_in_the_past_is_refused()
    {
        var problem = Assert.Single(Problems(Plan(new DateOnly(2026, 10, 31), new DateOnly(2026, 12, 2))));

        Assert.Equal((RoundPlan.DeadlineField, "The grading deadline must be today or in the future (today is 3 December 2026)"), (problem.Field, problem.Message));
    }

    [Fact]
    public void A_period_that_ends_before_it_starts_a_blank_title_and_no_agencies_are_each_refused_by_field()
    {
        var plan = new RoundPlan("  ", new DateOnly(2026, 6, 1), new DateOnly(2026, 5, 1), new DateOnly(2027, 1, 1), []);

        Assert.Equal([RoundPlan.TitleField, RoundPlan.PeriodToField, RoundPlan.AgenciesField], Problems(plan).Select(p => p.Field));
        Assert.Equal("The title must be 120 characters or fewer", RoundPlan.TitleProblem(new string('x', 121)));
    }

    [Fact]
    public void Taking_out_the_only_agency_of_cases_is_refused_naming_them_but_a_case_another_agency_shares_is_not()
    {
        var plan = Plan(new DateOnly(2026, 10, 31), new DateOnly(2027, 1, 1), "police");

        var problem = Assert.Single(Problems(plan, Case("NS-001", "health"), Case("NS-002", "police", "health"), Case("NS-003", "health")));

        Assert.Equal(RoundPlan.AgenciesField, problem.Field);
        Assert.StartsWith("Cases NS-001 and NS-003 involve only Northshire health, which this change takes out of the round.", problem.Message);
        Assert.StartsWith("Case NS-001 involves only Northshire health", Assert.Single(Problems(plan, Case("NS-001", "health"))).Message);
        Assert.Empty(Problems(plan, Case("NS-002", "police", "health")));
    }

    [Fact]
    public void A_case_whose_agencies_had_already_left_the_round_does_not_block_other_changes()
    {
        var plan = Plan(new DateOnly(2026, 10, 31), new DateOnly(2027, 1, 1), "police", "health");

        Assert.Empty(Problems(plan, Case("NS-001", "probation")));
    }
}
