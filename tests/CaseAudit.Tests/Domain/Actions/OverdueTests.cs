using CaseAudit.Web.Domain.Actions;

namespace CaseAudit.Tests.Domain.Actions;

public sealed class OverdueTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public void A_timescale_passed_two_weeks_ago_is_overdue_by_2_weeks() =>
        Assert.Equal("overdue by 2 weeks", Overdue.InWords(Today.AddDays(-14), Today, closed: false));

    [Fact]
    public void A_timescale_passed_yesterday_is_overdue_by_1_day() =>
        Assert.Equal("overdue by 1 day", Overdue.InWords(Today.AddDays(-1), Today, closed: false));

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public void Today_or_later_is_not_overdue(int days) =>
        Assert.Null(Overdue.InWords(Today.AddDays(days), Today, closed: false));

    [Fact]
    public void A_closed_action_is_never_overdue() =>
        Assert.Null(Overdue.InWords(Today.AddDays(-100), Today, closed: true));

    [Fact]
    public void The_next_reference_follows_the_highest_so_far()
    {
        Assert.Equal("A1", ActionRules.NextRef([]));
        Assert.Equal("A3", ActionRules.NextRef(["A1", "A2"]));
        Assert.Equal("A8", ActionRules.NextRef(["A7", "A2"]));
    }

    [Fact]
    public void Text_longer_than_2000_characters_is_refused_and_blank_is_required()
    {
        Assert.Equal("Enter the activity", ActionRules.Text("  ", "the activity"));
        Assert.Contains("2000 characters or fewer", ActionRules.Text(new string('x', 2001), "the activity"));
        Assert.Null(ActionRules.Text(new string('x', 2000), "the activity"));
    }
}
