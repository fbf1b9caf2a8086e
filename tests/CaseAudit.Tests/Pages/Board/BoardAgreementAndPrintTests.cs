using System.Text.RegularExpressions;
using AngleSharp.Dom;
using CaseAudit.Tests.Pages.Moderation;
using CaseAudit.Web.Identity;

namespace CaseAudit.Tests.Pages.Board;

public sealed class BoardAgreementAndPrintTests
{
    [Fact]
    public async Task The_board_sees_agreement_with_n_and_not_enough_grades_to_measure_instead_of_a_kappa()
    {
        await using var app = new CaseAuditApp();
        var fixture = await PartlyModeratedRound.CreateAsync(app);
        PartlyModeratedRound.Publish(app, fixture.Round);
        var board = await app.SignedInAsAsync(Roles.Board);

        var page = await board.GetDocumentAsync($"/board/rounds/{fixture.Round.Id}");

        var rows = page.QuerySelectorAll("#agreement-table tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal("All agencies", rows[0][0]);
        Assert.Equal(["Northshire health", "Northshire police"], rows.Skip(1).Select(r => r[0]).Order());
        Assert.Equal(["Northshire police", "14", "86%", "Not enough grades to measure (14 pairs; every agreed grade was the same)"], rows.Single(r => r[0] == "Northshire police"));
        Assert.All(rows, r => Assert.StartsWith("Not enough grades to measure", r[3]));
        Assert.All(rows, r => Assert.EndsWith("%", r[2]));
    }

    [Fact]
    public async Task The_heat_map_rows_are_agencies_with_the_panel_s_agreed_grade_set_apart_and_labelled()
    {
        await using var app = new CaseAuditApp();
        var fixture = await PartlyModeratedRound.CreateAsync(app);
        PartlyModeratedRound.Publish(app, fixture.Round);
        var board = await app.SignedInAsAsync(Roles.Board);

        var page = await board.GetDocumentAsync($"/board/rounds/{fixture.Round.Id}");

        var tbodies = page.QuerySelectorAll("#heat-map tbody");
        Assert.Equal(2, tbodies.Length);
        // Each agency's own grades, on the moderated case too: health graded only that case.
        Assert.Equal(["Northshire health", "Northshire police"], tbodies[0].QuerySelectorAll("th").Select(th => th.TextContent.Trim()));
        Assert.Equal("heat-map-panel", tbodies[1].Id);
        Assert.Equal("Panel's agreed grade (moderated cases; not an agency)", tbodies[1].QuerySelector("th")!.TextContent.Trim());

        var chart = page.QuerySelector("#chart-heat-map")!;
        Assert.Equal(["health", "police"], chart.QuerySelectorAll("g.app-chart__heat-row:not(.app-chart__heat-row--panel)").Select(g => g.GetAttribute("data-key")));
        var panel = Assert.Single(chart.QuerySelectorAll("g.app-chart__heat-row--panel"));
        Assert.Equal("Panel's agreed grade", panel.QuerySelector("text > title")!.TextContent.Trim());
        // The rule that sets the panel apart is drawn between the last agency and the panel.
        var rule = chart.QuerySelector("line.app-chart__rule")!;
        Assert.True(chart.Children.Index(rule) < chart.Children.Index(panel));
        Assert.Contains("not an agency", chart.QuerySelector("desc")!.TextContent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/briefing")]
    public async Task The_board_s_summary_and_briefing_link_the_print_stylesheet_for_print_only(string page)
    {
        await using var app = new CaseAuditApp();
        var fixture = await PartlyModeratedRound.CreateAsync(app);
        PartlyModeratedRound.Publish(app, fixture.Round);
        var board = await app.SignedInAsAsync(Roles.Board);

        var document = await board.GetDocumentAsync($"/board/rounds/{fixture.Round.Id}{page}");

        var link = Assert.Single(document.QuerySelectorAll("link[rel=stylesheet]"), l => l.GetAttribute("href")!.StartsWith("/css/print.css"));
        Assert.Equal("print", link.GetAttribute("media"));
    }

    [Fact]
    public async Task Each_board_chart_is_a_figure_with_its_heading_inside()
    {
        await using var app = new CaseAuditApp();
        var fixture = await PartlyModeratedRound.CreateAsync(app);
        PartlyModeratedRound.Publish(app, fixture.Round);
        var board = await app.SignedInAsAsync(Roles.Board);

        var page = await board.GetDocumentAsync($"/board/rounds/{fixture.Round.Id}");

        var charts = page.QuerySelectorAll("svg.app-chart");
        Assert.Equal(2, charts.Length);
        Assert.All(charts, chart =>
        {
            var figure = chart.Closest("figure.app-figure");
            Assert.NotNull(figure);
            Assert.Equal(chart.QuerySelector("title")!.TextContent, figure!.QuerySelector("h2")!.TextContent.Trim());
        });
        // Links that only make sense on screen are marked to be left off the printout.
        Assert.Contains("app-no-print", page.QuerySelector("#board-links")!.ClassList);
    }

    [Fact]
    public async Task The_print_stylesheet_hides_site_furniture_and_keeps_tables_rows_and_charts_whole()
    {
        await using var app = new CaseAuditApp();
        var client = app.CreateClient();

        var css = await client.GetStringAsync("/css/print.css");
        var rules = Rules(css);

        string Declarations(string selector) =>
            string.Join(";", rules.Where(r => r.Selectors.Contains(selector)).Select(r => r.Body));

        foreach (var furniture in new[] { ".govuk-template__header", ".govuk-service-navigation", ".govuk-footer", ".govuk-phase-banner", ".govuk-notification-banner", ".govuk-button", ".govuk-back-link", ".govuk-skip-link", ".app-no-print" })
        {
            Assert.Matches(@"display:\s*none", Declarations(furniture));
        }

        Assert.Matches(@"overflow:\s*visible", Declarations(".app-table-scroll"));
        Assert.Matches(@"overflow:\s*visible", Declarations(".app-chart-scroll"));
        Assert.Matches(@"width:\s*100%", Declarations(".govuk-table"));
        Assert.Matches(@"overflow-wrap:\s*anywhere", Declarations(".govuk-table__cell"));
        Assert.Matches(@"break-inside:\s*avoid", Declarations(".govuk-table__row"));
        Assert.Matches(@"break-inside:\s*avoid", Declarations(".app-figure"));
        Assert.Matches(@"break-after:\s*avoid", Declarations("h2"));
        Assert.Matches(@"size:\s*A4", Declarations("@page"));
    }

    // Just enough of CSS for these checks: comments dropped, each "selectors { body }" split.
    private static List<(string[] Selectors, string Body)> Rules(string css)
    {
        css = Regex.Replace(css, @"/\*.*?\*/", "", RegexOptions.Singleline);
        return Regex.Matches(css, @"([^{}]+)\{([^{}]*)\}")
            .Select(m => (m.Groups[1].Value.Split(',').Select(s => s.Trim()).ToArray(), m.Groups[2].Value))
            .ToList();
    }
}
