using CaseAudit.Web.Domain.Findings;
using static CaseAudit.Tests.Domain.Findings.FindingsData;

namespace CaseAudit.Tests.Domain.Findings;

public sealed class DistributionTests
{
    [Fact]
    public void Counts_each_option_in_scale_order_and_leaves_not_applicable_out_of_n_and_the_rate()
    {
        var d = Distribution.Of(
            [G("1", "lac", "Q1", Good), G("2", "lac", "Q1", Inadequate), G("3", "lac", "Q1", Outstanding), G("4", "lac", "Q1", Good), NA("5", "lac", "Q1"), NA("6", "lac", "Q1")],
            Ofsted);

        Assert.Equal([Outstanding, Good, RequiresImprovement, Inadequate], d.Counts.Select(c => c.Option));
        Assert.Equal([1, 2, 0, 1], d.Counts.Select(c => c.Count));
        Assert.Equal(4, d.N);
        Assert.Equal(2, d.NotApplicableCount);
        Assert.Equal(3, d.GoodOrBetterCount);
        Assert.Equal(0.75, d.GoodOrBetterRate);
        Assert.Equal("3 of 4 good or better (75%); 2 not applicable", d.Describe());
    }

    [Fact]
    public void Everything_not_applicable_gives_no_rate_rather_than_zero_percent()
    {
        var d = Distribution.Of([NA("1", "lac", "Q1"), NA("2", "lac", "Q1"), NA("3", "police", "Q1")], Ofsted);

        Assert.Equal(0, d.N);
        Assert.Null(d.GoodOrBetterRate);
        Assert.Equal("No grades; 3 not applicable", d.Describe());
    }

    [Fact]
    public void Describes_a_rate_in_plain_english_rounding_halves_up()
    {
        var gradings = Enumerable.Range(1, 10).Select(i => G($"{i}", "lac", "Q1", i <= 7 ? Good : RequiresImprovement)).ToList();
        Assert.Equal("7 of 10 good or better (70%)", Distribution.Of(gradings, Ofsted).Describe());

        // 5 of 8 is 62.5%: shown as 63%, not banker's-rounded to 62%.
        var eight = Enumerable.Range(1, 8).Select(i => G($"{i}", "lac", "Q1", i <= 5 ? Good : Inadequate)).ToList();
        Assert.Equal("5 of 8 good or better (63%)", Distribution.Of(eight, Ofsted).Describe());
    }

    [Fact]
    public void A_grade_not_on_the_scale_is_counted_as_off_scale_and_kept_out_of_the_rate()
    {
        var d = Distribution.Of([G("1", "lac", "Q1", Good), G("2", "lac", "Q1", "Amber")], Ofsted);

        Assert.Equal(1, d.N);
        Assert.Equal(1, d.OffScaleCount);
        Assert.Equal(1.0, d.GoodOrBetterRate);
    }
}
