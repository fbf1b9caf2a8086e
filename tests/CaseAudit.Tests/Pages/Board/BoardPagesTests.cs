using System.Net;
using AngleSharp.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Rounds;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Board;

public sealed class BoardPagesTests
{
    private static async Task<(CaseAuditApp App, HttpClient Client)> DemoAsync(string user)
    {
        var app = new CaseAuditApp(environment: "Development", settings: new() { ["CaseAudit:RequireMfa"] = "false" });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });
        var signIn = await client.PostSignInAsync(user, DemoPartnership.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return (app, client);
    }

    [Fact]
    public async Task The_board_lists_published_rounds_only()
    {
        var (app, client) = await DemoAsync("demo.board");
        await using var _ = app;

        var page = await client.GetDocumentAsync("/board");

        var rounds = page.QuerySelectorAll("#board-rounds li[data-round]").Select(li => li.GetAttribute("data-round")).ToList();
        Assert.Contains(DemoRounds.PublishedRoundId, rounds);
        Assert.DoesNotContain(DemoRounds.GradingRoundId, rounds);
        var item = page.QuerySelector($"li[data-round={DemoRounds.PublishedRoundId}]")!;
        Assert.Matches(@"\d+ of \d+ good or better \(\d+%\)", item.QuerySelector(".app-board-overall")!.TextContent);
        Assert.False(string.IsNullOrWhiteSpace(item.QuerySelector(".app-board-trend")!.TextContent));
        Assert.NotNull(page.QuerySelector("a.govuk-service-navigation__link[href='/board'], nav a[href='/board']"));
    }

    [Fact]
    public async Task The_summary_has_two_accessible_charts_each_followed_by_a_table_of_the_findings_numbers()
    {
        var (app, client) = await DemoAsync("demo.board");
        await using var _ = app;
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var view = app.Services.GetRequiredService<RoundFindingsReader>().Read(store.Rounds.FindById(DemoRounds.PublishedRoundId));

        var page = await client.GetDocumentAsync($"/board/rounds/{DemoRounds.PublishedRoundId}");

        var charts = page.QuerySelectorAll("svg[role=img]");
        Assert.Equal(2, charts.Length);
        foreach (var chart in charts)
        {
            var labelledBy = chart.GetAttribute("aria-labelledby")!.Split(' ');
            Assert.Equal(2, labelledBy.Length);
            Assert.All(labelledBy, id => Assert.NotNull(chart.QuerySelector($"[id='{id}']")));
            // The chart sits in a figure with its heading; the next thing after it is the table region.
            Assert.NotNull(chart.Closest("figure")!.NextElementSibling?.QuerySelector("table.govuk-table"));
        }

        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("style"));

        var graded = view.Findings.ByQuestion;
        Assert.Equal(graded.Count, page.QuerySelectorAll("#chart-questions g.app-chart__bar").Length);
        Assert.Equal(view.Findings.Overall.Distribution.Describe(), page.QuerySelector("#overall")!.TextContent.Trim());

        var rows = page.QuerySelectorAll("#by-question tbody tr");
        Assert.Equal(graded.Count, rows.Length);
        for (var i = 0; i < graded.Count; i++)
        {
            var cells = rows[i].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
            var d = graded[i].Distribution;
            Assert.Equal(d.Counts.Select(c => c.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)), cells.Take(d.Counts.Count));
            Assert.Equal(d.N.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[d.Counts.Count + 1]);
        }

        var heatRows = page.QuerySelectorAll("#heat-map tbody tr");
        Assert.Equal(page.QuerySelectorAll("#chart-heat-map g.app-chart__heat-row").Length, heatRows.Length);
        Assert.True(heatRows.Length > 0);
        Assert.All(heatRows, r => Assert.Equal(11, r.QuerySelectorAll("td").Length));
        Assert.Contains("Learning", page.QuerySelector("#learning")!.TextContent);
    }

    [Fact]
    public async Task The_board_never_sees_evidence_text_from_returns()
    {
        var (app, client) = await DemoAsync("demo.board");
        await using var _ = app;
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var evidence = store.Returns.Find(r => r.RoundId == DemoRounds.PublishedRoundId).ToList()
            .SelectMany(r => r.Answers.Values).Select(a => a.Evidence).Where(e => !string.IsNullOrWhiteSpace(e) && e!.Length > 20)
            .Distinct().Take(20).ToList();
        Assert.NotEmpty(evidence);

        foreach (var url in new[] { "/board", $"/board/rounds/{DemoRounds.PublishedRoundId}", $"/board/rounds/{DemoRounds.PublishedRoundId}/briefing" })
        {
            var html = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.All(evidence, e => Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(e!), html));
        }
    }

    [Fact]
    public async Task Crafted_requests_for_rounds_not_yet_published_are_not_found_for_the_board()
    {
        await using var app = new CaseAuditApp();
        var grading = RoundFixture.Grading(app);
        var draft = RoundFixture.Draft(app);
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var panel = RoundFixture.Grading(app).Round;
        panel.Status = CaseAudit.Web.Domain.Rounds.RoundStatus.Panel;
        store.Rounds.Update(panel);
        var board = await app.SignedInAsAsync(Roles.Board);

        foreach (var id in new[] { grading.Round.Id, draft.Id, panel.Id, "no-such-round" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await board.GetAsync($"/board/rounds/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await board.GetAsync($"/board/rounds/{id}/briefing")).StatusCode);
        }
    }

    [Fact]
    public async Task Crafted_requests_for_coordinator_and_auditor_pages_are_refused_to_the_board()
    {
        var (app, client) = await DemoAsync("demo.board");
        await using var _ = app;
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var aReturn = store.Returns.Find(r => r.RoundId == DemoRounds.PublishedRoundId).First();

        foreach (var url in new[]
                 {
                     $"/rounds/{DemoRounds.PublishedRoundId}",
                     $"/rounds/{DemoRounds.PublishedRoundId}/findings",
                     $"/rounds/{DemoRounds.PublishedRoundId}/returns/{aReturn.Id}",
                     $"/returns/{aReturn.Id}",
                 })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        }
    }

    [Theory]
    [InlineData("demo.coordinator")]
    [InlineData("demo.admin")]
    public async Task Other_roles_are_refused_the_board_pages(string user)
    {
        var (app, client) = await DemoAsync(user);
        await using var _ = app;

        foreach (var url in new[] { "/board", $"/board/rounds/{DemoRounds.PublishedRoundId}", $"/board/rounds/{DemoRounds.PublishedRoundId}/briefing" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        }

        Assert.Null((await client.GetDocumentAsync("/")).QuerySelector("nav a[href='/board']"));
    }

    [Fact]
    public async Task An_auditor_is_refused_the_board_pages()
    {
        await using var app = new CaseAuditApp();
        var user = await app.CreateUserAsync("an.auditor", [Roles.Auditor], agencyId: TestUsers.AgencyId);
        var client = await app.SignInAsync(user);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/board")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/board/rounds/anything")).StatusCode);
    }

    [Fact]
    public async Task The_briefing_has_the_four_headings_and_a_print_stylesheet()
    {
        var (app, client) = await DemoAsync("demo.board");
        await using var _ = app;

        var page = await client.GetDocumentAsync($"/board/rounds/{DemoRounds.PublishedRoundId}/briefing");

        Assert.Equal(
            ["Why we audited", "What we found", "What good looks like", "What to do now"],
            page.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()));
        var print = page.QuerySelector("link[rel=stylesheet][href^='/css/print.css']");
        Assert.NotNull(print);
        Assert.Equal("print", print!.GetAttribute("media"));
        Assert.Equal(3, page.QuerySelectorAll("#strongest li").Length);
        Assert.Equal(3, page.QuerySelectorAll("#weakest li").Length);
        Assert.NotEmpty(page.QuerySelectorAll(".app-briefing__guidance li"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task The_board_sees_the_rounds_learning_points_and_the_themes_action_plan_with_rag_counts()
    {
        var (app, client) = await DemoAsync("demo.board");
        await using var _ = app;
        var store = app.Services.GetRequiredService<CaseAudit.Web.Data.CaseAuditStore>();
        // A known plan of two actions in place of the demo's own (DemoPublishedRoundTests reads those).
        store.LearningPoints.DeleteAll();
        store.PlanActions.DeleteAll();
        store.LearningPoints.Insert(new CaseAudit.Web.Domain.Rounds.LearningPoint
        {
            RoundId = "demo-r1", Kind = CaseAudit.Web.Domain.Rounds.LearningKind.AreaForDevelopment, Text = "Chronologies were rarely used in supervision.", QuestionIds = ["UH-04"],
        });
        store.PlanActions.InsertBulk([
            new CaseAudit.Web.Domain.Actions.PlanAction { TemplateId = "use-of-history", RoundId = "demo-r1", Ref = "A1", Workstream = "Training", Aim = "Every team uses a live chronology", LeadName = "QA lead", LeadAgencyId = "social-care", Timescale = new DateOnly(2027, 3, 31), Rag = CaseAudit.Web.Domain.Actions.Rag.Amber },
            new CaseAudit.Web.Domain.Actions.PlanAction { TemplateId = "use-of-history", RoundId = "demo-r1", Ref = "A2", Workstream = "Data", Aim = "Chronology audit tool agreed", LeadName = "Data lead", LeadAgencyId = "health", Timescale = new DateOnly(2026, 9, 30), Closed = true },
        ]);

        var page = await client.GetDocumentAsync("/board/rounds/demo-r1");

        Assert.Contains("Chronologies were rarely used in supervision.", page.QuerySelector("main")!.TextContent);
        Assert.Equal("1 Amber, 1 Complete", page.QuerySelector("#rag-counts")!.TextContent.Trim());
        Assert.Contains("Every team uses a live chronology", page.QuerySelector("main")!.TextContent);

        var briefing = await client.GetDocumentAsync("/board/rounds/demo-r1/briefing");
        Assert.Contains("Chronologies were rarely used in supervision.", briefing.QuerySelector("#areas")!.TextContent);
        Assert.Contains("A1: Every team uses a live chronology", briefing.QuerySelector("#open-actions")!.TextContent);
        Assert.DoesNotContain("A2", briefing.QuerySelector("#open-actions")!.TextContent);
    }
}
