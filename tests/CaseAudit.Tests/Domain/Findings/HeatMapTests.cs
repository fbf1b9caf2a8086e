using CaseAudit.Web.Domain.Findings;
using static CaseAudit.Tests.Domain.Findings.FindingsData;

namespace CaseAudit.Tests.Domain.Findings;

public sealed class HeatMapTests
{
    [Fact]
    public void Each_agency_gets_a_cell_per_jtai_point_from_the_questions_tagged_with_it()
    {
        var template = Template("1.0", Section("s1", Graded("q1", 3), Graded("q2", 3, 6), Text("t1")));
        var cases = new[] { Case("c1"), Case("c2") };
        var gradings = new[]
        {
            G("c1", "police", "q1", "Good"),
            G("c1", "police", "q2", "Inadequate"),
            G("c2", "police", "q1", "Outstanding"),
            NA("c2", "police", "q2"),
            G("c1", "health", "q2", "Good"),
            G("c9", "health", "q1", "Inadequate"), // not a sampled case: not counted
        };

        var map = HeatMaps.For(template, cases, gradings, new Dictionary<string, string> { ["police"] = "Police", ["health"] = "Health" });

        Assert.Equal(Enumerable.Range(1, 11), map.Points);
        Assert.Equal(["Health", "Police"], map.Rows.Select(r => r.Label));
        var police = map.Rows.Single(r => r.AgencyId == "police");
        Assert.All(police.Cells, c => Assert.Equal(11, police.Cells.Count));
        Assert.Equal(3, police.Cells[2].N); // point 3: q1 twice, q2 once (the N/A is not a grade)
        Assert.Equal(2, police.Cells[2].GoodOrBetterCount);
        Assert.Equal(1, police.Cells[2].NotApplicableCount);
        Assert.Equal(1, police.Cells[5].N); // point 6: q2 only
        Assert.Equal(0.0, police.Cells[5].GoodOrBetterRate);
        Assert.Null(police.Cells[0].GoodOrBetterRate); // point 1: no question, no data (not 0%)
        var health = map.Rows.Single(r => r.AgencyId == "health");
        Assert.Equal(1, health.Cells[2].N);
        Assert.Equal(1.0, health.Cells[5].GoodOrBetterRate);
    }

    [Fact]
    public void The_panel_s_agreed_grades_are_a_row_of_their_own_never_among_the_agencies()
    {
        var template = Template("1.0", Section("s1", Graded("q1", 3)));
        var cases = new[] { Case("c1"), Case("c2") };
        var gradings = new[]
        {
            G("c1", Grading.Panel, "q1", "Good"),
            G("c2", "police", "q1", "Inadequate"),
        };
        // Even when the caller names the panel like an agency, as the findings reader does.
        var names = new Dictionary<string, string> { ["police"] = "Police", [Grading.Panel] = "Panel (agreed grades)" };

        var map = HeatMaps.For(template, cases, gradings, names);

        Assert.Equal(["police"], map.Rows.Select(r => r.AgencyId));
        Assert.NotNull(map.Panel);
        Assert.Equal("Panel's agreed grade", map.Panel!.Label);
        Assert.Equal(1.0, map.Panel.Cells[2].GoodOrBetterRate);
        Assert.Null(HeatMaps.For(template, cases, [G("c2", "police", "q1", "Good")], names).Panel);
    }

    [Fact]
    public void A_heat_map_frozen_with_the_panel_among_the_agencies_is_read_with_it_apart()
    {
        var template = Template("1.0", Section("s1", Graded("q1", 3)));
        var current = HeatMaps.For(template, [Case("c1"), Case("c2")], [G("c1", Grading.Panel, "q1", "Good"), G("c2", "police", "q1", "Good")]);
        // The shape published rounds were frozen in: the panel a row like any agency, no Panel.
        var frozen = new HeatMap(current.Points, [.. current.Rows, current.Panel! with { Label = "Panel (agreed grades)" }]);

        var read = frozen.WithPanelApart();

        Assert.Equal(["police"], read.Rows.Select(r => r.AgencyId));
        Assert.Equal("Panel's agreed grade", read.Panel!.Label);
        Assert.Same(current, current.WithPanelApart());
    }
}
