using Microsoft.Extensions.DependencyInjection;
using AngleSharp.Dom;
using CaseAudit.Web.Demo;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CaseAudit.Tests.Pages.Rounds;

public sealed class FindingsPageTests
{
    [Fact]
    public async Task The_repeat_rounds_findings_show_good_or_better_rates_and_the_change_since_the_published_round()
    {
        await using var app = new CaseAuditApp(environment: "Development", settings: new() { ["CaseAudit:RequireMfa"] = "false" });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });
        await client.PostSignInAsync("demo.coordinator", DemoPartnership.Password);

        var page = await client.GetDocumentAsync("/rounds/demo-r2/findings");

        Assert.Contains("Single-agency grades", page.QuerySelector(".govuk-inset-text")!.TextContent);
        Assert.Matches(@"\d+ of \d+ good or better \(\d+%\)", page.QuerySelector("#overall")!.TextContent);
        Assert.Contains("Use of history: autumn 2025", page.QuerySelector("#trend")!.TextContent);
        Assert.Matches(@"(up|down|no change)", page.QuerySelector("#trend")!.TextContent);
        var questionRows = page.QuerySelectorAll("#by-question tbody tr");
        Assert.Equal(15, questionRows.Length);
        Assert.All(questionRows, r => Assert.Equal(8, r.QuerySelectorAll("td").Length)); // 4 grades, N/A, n, good or better, trend
        Assert.Contains("was", questionRows[0].QuerySelectorAll("td").Last().TextContent);
    }

    [Fact]
    public async Task Once_a_case_is_moderated_its_findings_come_from_the_agreed_grades_and_say_so()
    {
        await using var app = new CaseAuditApp();
        var fixture = CaseAudit.Tests.Pages.Moderation.PanelRound.Create(app);
        var coordinator = await app.SignedInAsAsync(CaseAudit.Web.Identity.Roles.Coordinator);
        var before = await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}/findings");
        Assert.Contains("Single-agency grades", before.QuerySelector(".govuk-inset-text")!.TextContent);

        var values = CaseAudit.Tests.Pages.Moderation.PanelRound.Complete(CaseAudit.Tests.Pages.Moderation.PanelRound.Supervision(app));
        var done = await CaseAudit.Tests.Pages.Moderation.PanelRound.PostFormAsync(coordinator, CaseAudit.Tests.Pages.Moderation.PanelRound.CaseUrl(fixture), values, "complete");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, done.StatusCode);

        var after = await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}/findings");
        Assert.Contains("Agreed grades from panel moderation of all 1 cases", after.QuerySelector(".govuk-inset-text")!.TextContent);
        // Every case moderated: no agency's own grades count, and the panel's are not an agency.
        Assert.Empty(after.QuerySelectorAll("#by-agency tbody th"));
        Assert.Equal(["Panel's agreed grade"], after.QuerySelectorAll("#by-panel tbody th").Select(th => th.TextContent.Trim()));
        // Every graded question agreed as Partly: 0 good or better on the Yes / Partly / No scale.
        Assert.StartsWith("0 of 14 good or better", after.QuerySelector("#overall")!.TextContent.Trim());
        var agreement = after.QuerySelectorAll("#agreement tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["Northshire health", "Northshire police"], agreement.Select(r => r[0]).Order());
        Assert.All(agreement, r => Assert.True(int.Parse(r[1]) > 0));
        // Police graded SU-01 and SU-02 Yes and the other 12 Partly; the panel agreed Partly on all 14.
        Assert.Equal("86%", agreement.Single(r => r[0] == "Northshire police")[2]);
        var su01 = after.QuerySelectorAll("#agreement-by-question tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "SU-01");
        Assert.Equal("0%", su01.QuerySelectorAll("td")[1].TextContent.Trim()); // police Yes, health No; the panel agreed Partly
    }

    [Fact]
    public async Task Published_findings_do_not_change_when_a_return_is_edited_later_without_reopening()
    {
        await using var app = new CaseAuditApp();
        var fixture = CaseAudit.Tests.Pages.Moderation.PanelRound.Create(app);
        var store = app.Services.GetRequiredService<CaseAudit.Web.Data.CaseAuditStore>();
        store.Concerns.DeleteAll();
        var coordinator = await app.SignedInAsAsync(CaseAudit.Web.Identity.Roles.Coordinator);
        await RoundMoves.MoveAsync(coordinator, fixture.Round.Id, CaseAudit.Web.Domain.Rounds.RoundStatus.Published, RoundMoves.Knowingly());
        Assert.Equal(CaseAudit.Web.Domain.Rounds.RoundStatus.Published, store.Rounds.FindById(fixture.Round.Id).Status);
        var published = (await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}/findings")).QuerySelector("#by-question")!.TextContent;
        var reader = app.Services.GetRequiredService<CaseAudit.Web.Rounds.RoundFindingsReader>();
        var heatMap = System.Text.Json.JsonSerializer.Serialize(reader.Read(store.Rounds.FindById(fixture.Round.Id)).HeatMap);

        // A change that bypasses the app (as a later bug or a restored backup might): the
        // published findings stay as they were published.
        var ret = store.Returns.FindById(fixture.HealthReturn.Id);
        foreach (var answer in ret.Answers.Values.Where(a => a.Grade is not null))
        {
            answer.Grade = "Yes";
        }

        store.Returns.Update(ret);

        var later = (await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}/findings")).QuerySelector("#by-question")!.TextContent;
        Assert.Equal(published, later);
        Assert.Equal(heatMap, System.Text.Json.JsonSerializer.Serialize(reader.Read(store.Rounds.FindById(fixture.Round.Id)).HeatMap));
        Assert.NotNull(store.PublishedFindings.FindById(fixture.Round.Id));
    }
}
