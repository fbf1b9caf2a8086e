using System.Xml.Linq;
using CaseAudit.Web.Domain.Findings;
using CaseAudit.Web.Pages.Board;
using static CaseAudit.Tests.Domain.Findings.FindingsData;

namespace CaseAudit.Tests.Pages.Board;

public sealed class SvgChartsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Stacked_bars_parse_as_xml_with_one_rect_per_segment_and_escaped_labels()
    {
        var template = Template("1.0", Section("s1", Graded("q1", 1), Graded("q2", 2), Graded("q3", 3)));
        var findings = FindingsCalculator.For(
            template,
            [Case("c1"), Case("c2"), Case("c3")],
            [G("c1", "a", "q1", "Good"), G("c2", "a", "q1", "Good"), G("c3", "a", "q1", "Inadequate"), G("c1", "a", "q2", "Outstanding")]);
        var rows = findings.ByQuestion.Select(f => f with { Label = $"<Q & \"{f.Key}\"> 'x'" }).ToList();

        var xml = XDocument.Parse(SvgCharts.StackedBars("c", "A <title> & more", "desc", rows, findings.Scale));

        var root = xml.Root!;
        Assert.Equal("img", root.Attribute("role")!.Value);
        Assert.Equal("c-title c-desc", root.Attribute("aria-labelledby")!.Value);
        Assert.Equal("A <title> & more", root.Element(Svg + "title")!.Value);
        var bars = root.Elements(Svg + "g").Where(g => g.Attribute("class")!.Value == "app-chart__bar").ToList();
        Assert.Equal(3, bars.Count);
        Assert.Equal(2, bars[0].Elements(Svg + "rect").Count()); // Good and Inadequate
        Assert.Single(bars[1].Elements(Svg + "rect")); // Outstanding
        Assert.Empty(bars[2].Elements(Svg + "rect")); // no grades: no bar
        Assert.Contains("No grades", bars[2].Value);
        Assert.Equal("<Q & \"q1\"> 'x'", bars[0].Element(Svg + "text")!.Element(Svg + "title")!.Value);
        // Segments fill the bar width exactly (100% stacked).
        var widths = bars[0].Elements(Svg + "rect").Sum(r => double.Parse(r.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(380, widths, 1);
        // Best option first, in scale order, with a legend entry per option.
        Assert.Equal(SvgCharts.Colour(1), bars[0].Elements(Svg + "rect").First().Attribute("fill")!.Value);
        var legend = root.Elements(Svg + "g").Single(g => g.Attribute("class")!.Value == "app-chart__legend");
        Assert.Equal(findings.Scale.Options, legend.Elements(Svg + "text").Select(t => t.Value));
        Assert.DoesNotContain(root.DescendantsAndSelf(), e => e.Attribute("style") is not null || e.Name.LocalName == "style");
    }

    [Fact]
    public void The_heat_map_parses_as_xml_prints_each_rate_and_marks_cells_without_data()
    {
        var template = Template("1.0", Section("s1", Graded("q1", 3)));
        var map = HeatMaps.For(template, [Case("c1"), Case("c2")], [G("c1", "a&b", "q1", "Good"), G("c2", "a&b", "q1", "Inadequate")]);

        var root = XDocument.Parse(SvgCharts.HeatMapChart("h", "Heat", "desc", map)).Root!;

        var row = Assert.Single(root.Elements(Svg + "g"), g => g.Attribute("class")!.Value == "app-chart__heat-row");
        Assert.Equal("a&b", row.Attribute("data-key")!.Value);
        Assert.Equal(11, row.Elements(Svg + "rect").Count());
        Assert.Equal(10, row.Elements(Svg + "rect").Count(r => r.Attribute("class")!.Value.Contains("no-data", StringComparison.Ordinal)));
        var texts = row.Elements(Svg + "text").Select(t => t.Nodes().OfType<XText>().Select(x => x.Value).FirstOrDefault()).ToList();
        Assert.Contains("50%", texts);
        Assert.Equal(10, texts.Count(t => t == "no data"));
        Assert.Equal(SvgCharts.Band(0.5).Fill, row.Elements(Svg + "rect").Single(r => !r.Attribute("class")!.Value.Contains("no-data", StringComparison.Ordinal)).Attribute("fill")!.Value);
    }

    [Fact]
    public void Heat_bands_go_from_lightest_to_darkest_as_the_rate_rises()
    {
        Assert.Equal(SvgCharts.HeatBands[0].Fill, SvgCharts.Band(0).Fill);
        Assert.Equal(SvgCharts.HeatBands[2].Fill, SvgCharts.Band(0.5).Fill);
        Assert.Equal(SvgCharts.HeatBands[^1].Fill, SvgCharts.Band(1).Fill);
        Assert.Equal("#ffffff", SvgCharts.Band(0.9).Text);
    }
}
