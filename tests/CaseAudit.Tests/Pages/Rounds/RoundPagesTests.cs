using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Rounds;

public sealed class RoundPagesTests
{
    private static CaseAuditStore Store(CaseAuditApp app) => app.Services.GetRequiredService<CaseAuditStore>();

    private static IReadOnlyList<AuditEntry> Trail(CaseAuditApp app, string type) =>
        app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = type, Take = 100 });

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, Dictionary<string, string> values, string? formSelector = null)
    {
        var form = (await client.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>(formSelector ?? "main form")!;
        return await client.SubmitAsync(form, values);
    }

    [Fact]
    public async Task A_coordinator_plans_a_round_pinned_to_the_templates_current_version()
    {
        await using var app = new CaseAuditApp();
        RoundFixture.Draft(app); // makes sure the agencies exist
        var client = await app.SignedInAsAsync(Roles.Coordinator);

        var bad = await (await SubmitAsync(client, "/rounds/new", new() { ["Input.Title"] = "", ["Input.PeriodFrom.Day"] = "31", ["Input.PeriodFrom.Month"] = "2", ["Input.PeriodFrom.Year"] = "2026" })).ReadDocumentAsync();
        var errors = bad.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#Input_Title", "#Input_TemplateId", "#Input_PeriodFrom", "#Input_PeriodTo", "#Input_Deadline", "#Input_AgencyIds"], errors);
        Assert.Equal("31", bad.QuerySelector<IHtmlInputElement>("#Input_PeriodFrom")!.Value);

        // The deadline must not be in the past, so it is set from today.
        var deadline = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(45);
        var created = await SubmitAsync(client, "/rounds/new", new()
        {
            ["Input.Title"] = "Supervision, winter 2026", ["Input.TemplateId"] = "supervision",
            ["Input.PeriodFrom.Day"] = "1", ["Input.PeriodFrom.Month"] = "4", ["Input.PeriodFrom.Year"] = "2026",
            ["Input.PeriodTo.Day"] = "30", ["Input.PeriodTo.Month"] = "9", ["Input.PeriodTo.Year"] = "2026",
            ["Input.Deadline.Day"] = $"{deadline.Day}", ["Input.Deadline.Month"] = $"{deadline.Month}", ["Input.Deadline.Year"] = $"{deadline.Year}",
            ["Input.AgencyIds"] = TestUsers.AgencyId,
        });

        var round = Assert.Single(Store(app).Rounds.Find(r => r.Title == "Supervision, winter 2026"));
        Assert.Equal($"/rounds/{round.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal(("supervision", "1.0", RoundStatus.Draft), (round.TemplateId, round.TemplateVersion, round.Status));
        Assert.Equal(deadline, round.GradingDeadline);
        Assert.Single(Trail(app, "round.created"));
    }

    [Theory]
    [InlineData("John Smith", "person's name")]
    [InlineData("943 476 5919", "NHS number")]
    [InlineData("BD1 1AA", "postcode")]
    [InlineData("12/03/2015", "date")]
    public async Task An_identifying_case_reference_is_refused_with_the_reason_and_nothing_is_stored(string reference, string why)
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await (await SubmitAsync(client, $"/rounds/{round.Id}/cases/new", new()
        {
            ["Input.Reference"] = reference, ["Input.AgeBand"] = "5–11", ["Input.Level"] = "Child in need", ["Input.Categories"] = "Emotional",
            ["Input.AgencyIds"] = TestUsers.AgencyId,
        })).ReadDocumentAsync();

        Assert.Contains(why, page.QuerySelector("#Input_Reference-error")!.TextContent);
        Assert.Contains("Do not enter a child's name, date of birth, address or NHS number", page.QuerySelector("main")!.TextContent);
        Assert.Equal(0, Store(app).Cases.Count());
    }

    [Fact]
    public async Task Starting_grading_creates_one_return_per_case_and_involved_agency()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        await SubmitAsync(client, $"/rounds/{round.Id}/cases/new", new()
        {
            ["Input.Reference"] = "NS-2026-001", ["Input.AgeBand"] = "0–2", ["Input.Level"] = "Child protection", ["Input.Categories"] = "Physical",
            ["Input.AgencyIds"] = TestUsers.AgencyId,
        });
        var confirm = await RoundMoves.ConfirmationAsync(client, round.Id, RoundStatus.Grading);
        Assert.Contains("1 return to create when grading starts", confirm.QuerySelector("#returns")!.TextContent);

        var moved = await client.SubmitAsync(confirm.QuerySelector<IHtmlFormElement>("main form")!);

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(RoundStatus.Grading, Store(app).Rounds.FindById(round.Id).Status);
        var ret = Assert.Single(Store(app).Returns.FindAll());
        Assert.Equal((TestUsers.AgencyId, ReturnStatus.NotStarted), (ret.AgencyId, ret.Status));
        var grid = await client.GetDocumentAsync($"/rounds/{round.Id}");
        Assert.Contains("Not started", grid.QuerySelector("#progress-grid")!.TextContent);
        Assert.Contains(Trail(app, "round.status-changed"), e => e.Summary.Contains("from Draft to Grading"));
    }

    [Fact]
    public async Task An_open_safeguarding_concern_shows_on_the_coordinators_home_and_blocks_publishing_until_followed_up()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var auditor = await app.SignInAsync(await app.CreateUserAsync("pat.police", [Roles.Auditor], agencyId: TestUsers.AgencyId));
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);
        Store(app).Concerns.DeleteAll();

        var raised = await SubmitAsync(auditor, $"/returns/{fixture.PoliceReturn.Id}/concern", new()
        {
            ["Input.WhatWasSeen"] = "Police logs show three call-outs this week; the child was alone overnight.",
            ["Input.ActionTaken"] = "Referral made to children's social care at 09:10; sergeant informed.",
        });
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        var home = await coordinator.GetDocumentAsync("/");
        var banner = home.QuerySelector(".govuk-notification-banner")!;
        Assert.Contains("Case NS-2026-001", banner.TextContent);
        Assert.Single(Trail(app, "concern.raised"));

        // Move to panel, then try to publish.
        await RoundMoves.MoveAsync(coordinator, fixture.Round.Id, RoundStatus.Panel);
        var publish = await RoundMoves.MoveAsync(coordinator, fixture.Round.Id, RoundStatus.Published, RoundMoves.Knowingly());
        Assert.Contains("safeguarding concern", (await publish.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(RoundStatus.Panel, Store(app).Rounds.FindById(fixture.Round.Id).Status);

        var concern = Store(app).Concerns.FindOne(c => c.RoundId == fixture.Round.Id);
        await SubmitAsync(coordinator, $"/rounds/{fixture.Round.Id}/concerns/{concern.Id}", new() { ["FollowUp"] = "Social care confirmed a strategy discussion was held the same day." });
        Assert.Empty((await coordinator.GetDocumentAsync("/")).QuerySelectorAll("[id^=concern-]"));
        await RoundMoves.MoveAsync(coordinator, fixture.Round.Id, RoundStatus.Published, RoundMoves.Knowingly());
        Assert.Equal(RoundStatus.Published, Store(app).Rounds.FindById(fixture.Round.Id).Status);
    }

    [Fact]
    public async Task A_coordinator_reopens_a_submitted_return_only_with_a_reason()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var ret = Store(app).Returns.FindById(fixture.PoliceReturn.Id);
        ret.Status = ReturnStatus.Submitted;
        ret.Version = 3;
        Store(app).Returns.Update(ret);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);
        var url = $"/rounds/{fixture.Round.Id}/returns/{ret.Id}";

        var noReason = await (await SubmitAsync(coordinator, url, new() { ["Reason"] = " " })).ReadDocumentAsync();
        Assert.Contains("Enter the reason", noReason.QuerySelector("#Reason-error")!.TextContent);
        Assert.Equal(ReturnStatus.Submitted, Store(app).Returns.FindById(ret.Id).Status);

        await SubmitAsync(coordinator, url, new() { ["Reason"] = "Graded against the wrong child's records" });

        Assert.Equal(ReturnStatus.InProgress, Store(app).Returns.FindById(ret.Id).Status);
        // The reason is case content: kept in After, out of the Summary every reader sees.
        var reopened = Assert.Single(Trail(app, "return.reopened"));
        Assert.Contains("Graded against the wrong child", reopened.After);
        Assert.DoesNotContain("wrong child", reopened.Summary);
    }

    [Fact]
    public async Task A_sample_file_with_one_bad_row_imports_nothing_and_lists_the_problem()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var csv = "Case reference,Age band,Level of intervention,Neglect categories,Agencies involved\r\n"
            + $"NS-2026-001,5-11,Child in need,Emotional,{TestUsers.AgencyId}\r\n"
            + $"NS-2026-002,7-10,Child in need,Emotional,{TestUsers.AgencyId}\r\n";
        var form = (await client.GetDocumentAsync($"/rounds/{round.Id}/import")).QuerySelector<IHtmlFormElement>("main form")!;

        var bad = await (await client.SubmitAsync(form, files: new Dictionary<string, (string, byte[])> { ["Upload"] = ("sample.csv", Encoding.UTF8.GetBytes(csv)) })).ReadDocumentAsync();

        Assert.Contains("Row 3, Age band: '7-10' is not one of 0–2, 3–4, 5–11, 12–18", bad.QuerySelector("#Upload-problems")!.TextContent);
        Assert.Equal(0, Store(app).Cases.Count());

        var good = await client.SubmitAsync(form, files: new Dictionary<string, (string, byte[])> { ["Upload"] = ("sample.csv", Encoding.UTF8.GetBytes(csv.Replace("7-10", "12-18"))) });
        Assert.True(good.StatusCode == HttpStatusCode.Redirect, (await good.ReadDocumentAsync()).QuerySelector("#Upload-problems")?.TextContent);
        Assert.Equal(["5–11", "12–18"], Store(app).Cases.FindAll().OrderBy(c => c.Reference).Select(c => c.AgeBand));
    }

    [Fact]
    public async Task A_sample_with_thousands_of_extra_columns_imports_and_names_only_a_few_so_the_next_page_still_loads()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var extra = Enumerable.Range(1, 3000).Select(i => $"Extra {i} " + new string('x', 60)).ToList();
        var csv = "Case reference,Age band,Level of intervention,Neglect categories,Agencies involved," + string.Join(",", extra) + "\r\n"
            + $"NS-2026-001,5-11,Child in need,Emotional,{TestUsers.AgencyId}" + new string(',', extra.Count) + "\r\n";
        var form = (await client.GetDocumentAsync($"/rounds/{round.Id}/import")).QuerySelector<IHtmlFormElement>("main form")!;

        var response = await client.SubmitAsync(form, files: new Dictionary<string, (string, byte[])> { ["Upload"] = ("sample.csv", Encoding.UTF8.GetBytes(csv)) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").Sum(c => c.Length);
        Assert.True(cookies < 4096, $"{cookies:N0} characters of cookies");
        var done = (await client.GetDocumentAsync($"/rounds/{round.Id}")).QuerySelector(".govuk-notification-banner")!.TextContent;
        Assert.Contains("1 case imported.", done);
        Assert.Contains("Extra 1 xxx", done);
        Assert.Contains("and 2,990 more", done);
    }

    [Fact]
    public async Task The_chase_list_names_overdue_returns_once_the_deadline_has_passed()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app, deadline: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3));
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}");

        var chase = page.QuerySelector("#chase-list")!.TextContent;
        Assert.Contains("Northshire police: 1 return overdue (NS-2026-001)", chase);
        Assert.Contains("Northshire health: 1 return overdue", chase);
    }

    [Fact]
    public async Task The_sampling_assistant_draws_a_reproducible_stratified_sample_and_explains_it()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var rows = Enumerable.Range(1, 30).Select(i => $"NS-P{i:000},{(i <= 20 ? "5-11" : "12-18")},Child in need,Emotional,{TestUsers.AgencyId}");
        var pool = Encoding.UTF8.GetBytes("Case reference,Age band,Level of intervention,Neglect categories,Agencies involved\n" + string.Join("\n", rows));
        var form = (await client.GetDocumentAsync($"/rounds/{round.Id}/draw")).QuerySelector<IHtmlFormElement>("main form")!;

        var drawn = await client.SubmitAsync(form, new Dictionary<string, string> { ["SampleSize"] = "6", ["StrataBy"] = "Age band", ["Seed"] = "4821" },
            new Dictionary<string, (string, byte[])> { ["Pool"] = ("pool.csv", pool) });

        Assert.Equal(HttpStatusCode.Redirect, drawn.StatusCode);
        var stored = Store(app).Rounds.FindById(round.Id);
        Assert.Equal((4821, 6, 30), (stored.Draw!.Seed, stored.Draw.SampleSize, stored.Draw.PoolSize));
        var sample = Store(app).Cases.Find(c => c.RoundId == round.Id).ToList();
        Assert.Equal(4, sample.Count(c => c.AgeBand == "5–11"));
        Assert.Equal(2, sample.Count(c => c.AgeBand == "12–18"));

        // The same pool, seed and strata for another round draw the same cases.
        var again = RoundFixture.Draft(app);
        var againForm = (await client.GetDocumentAsync($"/rounds/{again.Id}/draw")).QuerySelector<IHtmlFormElement>("main form")!;
        await client.SubmitAsync(againForm, new Dictionary<string, string> { ["SampleSize"] = "6", ["StrataBy"] = "Age band", ["Seed"] = "4821" },
            new Dictionary<string, (string, byte[])> { ["Pool"] = ("pool.csv", pool) });
        Assert.Equal(sample.Select(c => c.Reference).Order(), Store(app).Cases.Find(c => c.RoundId == again.Id).Select(c => c.Reference).Order());
        var page = await client.GetDocumentAsync($"/rounds/{round.Id}");
        Assert.Contains("seed 4821", page.QuerySelector("#strata")!.TextContent);
        Assert.Equal(2, Trail(app, "sample.drawn").Count);
    }
}
