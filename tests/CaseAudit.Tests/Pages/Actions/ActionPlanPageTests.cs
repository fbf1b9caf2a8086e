using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Actions;

public sealed class ActionPlanPageTests
{
    private static CaseAuditStore Store(CaseAuditApp app) => app.Services.GetRequiredService<CaseAuditStore>();

    private static IReadOnlyList<AuditEntry> Trail(CaseAuditApp app, string type) =>
        app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = type, Take = 100 });

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, Dictionary<string, string> values, string formSelector = "main form")
    {
        var form = (await client.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>(formSelector)!;
        return await client.SubmitAsync(form, values);
    }

    private static Dictionary<string, string> Action(string aim, DateOnly timescale) => new()
    {
        ["Input.Workstream"] = "Training", ["Input.Aim"] = aim, ["Input.Activity"] = "Run supervision workshops for team managers",
        ["Input.LeadName"] = "Jo Bloggs", ["Input.LeadAgencyId"] = TestUsers.AgencyId,
        ["Input.Timescale.Day"] = timescale.Day.ToString(), ["Input.Timescale.Month"] = timescale.Month.ToString(), ["Input.Timescale.Year"] = timescale.Year.ToString(),
    };

    [Fact]
    public async Task A_coordinator_adds_actions_through_the_form_numbered_A1_then_A2_and_audited()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var url = $"/rounds/{fixture.Round.Id}/actions/new";

        var first = await SubmitAsync(client, url, Action("Managers understand reflective supervision", new DateOnly(2027, 3, 31)));
        var second = await SubmitAsync(client, url, Action("Supervision is recorded consistently", new DateOnly(2027, 6, 30)));

        Assert.Equal($"/rounds/{fixture.Round.Id}/actions", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var refs = Store(app).PlanActions.FindAll().OrderBy(a => a.Ref).Select(a => (a.Ref, a.TemplateId, a.RoundId, a.Timescale)).ToList();
        Assert.Equal([("A1", "supervision", fixture.Round.Id, new DateOnly(2027, 3, 31)), ("A2", "supervision", fixture.Round.Id, new DateOnly(2027, 6, 30))], refs);
        Assert.Equal(2, Trail(app, "action.created").Count);

        var plan = await client.GetDocumentAsync($"/rounds/{fixture.Round.Id}/actions");
        Assert.Equal("Action plan: Supervision and management oversight in neglect cases", plan.QuerySelector("h1")!.TextContent.Trim());
        var training = plan.QuerySelector("#workstream-Training")!;
        Assert.Contains("Managers understand reflective supervision", training.QuerySelector("#action-A1")!.TextContent);
        Assert.Contains("Jo Bloggs", training.QuerySelector("#action-A2")!.TextContent);
        Assert.Contains("Red 2", plan.QuerySelector("#rag-counts")!.TextContent.Replace("\n", " ").Replace("  ", " "));
    }

    [Fact]
    public async Task An_action_records_the_learning_points_it_answers()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var point = new CaseAudit.Web.Domain.Rounds.LearningPoint
        {
            RoundId = fixture.Round.Id, Kind = CaseAudit.Web.Domain.Rounds.LearningKind.AreaForDevelopment, Text = "Supervision rarely tested the plan", QuestionIds = ["SU-03"],
        };
        Store(app).LearningPoints.Insert(point);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var form = (await client.GetDocumentAsync($"/rounds/{fixture.Round.Id}/actions/new")).QuerySelector<IHtmlFormElement>("main form")!;
        Assert.NotNull(form.QuerySelector($"input[name='Input.LearningPointIds'][value='{point.Id}']"));
        var values = Action("Managers test plans in supervision", new DateOnly(2027, 3, 31));
        values["Input.LearningPointIds"] = point.Id;

        await client.SubmitAsync(form, values);

        Assert.Equal([point.Id], Assert.Single(Store(app).PlanActions.FindAll()).LearningPointIds);
    }

    [Fact]
    public async Task Mistakes_are_shown_next_to_their_fields_keeping_what_was_typed()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await (await SubmitAsync(client, $"/rounds/{fixture.Round.Id}/actions/new", new()
        {
            ["Input.Aim"] = "Half-typed aim", ["Input.Activity"] = new string('x', 2001),
            ["Input.Timescale.Day"] = "31", ["Input.Timescale.Month"] = "2", ["Input.Timescale.Year"] = "2027",
        })).ReadDocumentAsync();

        var summary = page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#Input_Workstream", "#Input_Activity", "#Input_LeadName", "#Input_LeadAgencyId", "#Input_Timescale"], summary);
        Assert.Contains("2000 characters or fewer", page.QuerySelector("#Input_Activity-error")!.TextContent);
        Assert.Contains("real date", page.QuerySelector("#Input_Timescale-error")!.TextContent);
        Assert.Equal("Half-typed aim", page.QuerySelector<IHtmlTextAreaElement>("#Input_Aim")!.Value);
        Assert.Equal("31", page.QuerySelector<IHtmlInputElement>("#Input_Timescale")!.Value);
        Assert.Equal(0, Store(app).PlanActions.Count());
    }

    [Fact]
    public async Task Progress_updates_are_kept_as_dated_history_and_set_the_rag()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var action = RoundFixture.PlanAction(app, fixture.Round);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var url = $"/rounds/{fixture.Round.Id}/actions/{action.Id}";

        await SubmitAsync(client, url, new() { ["ProgressText"] = "Workshop dates agreed", ["ProgressRag"] = "Amber" }, "#progress-form");
        var second = await SubmitAsync(client, url, new() { ["ProgressText"] = "Two workshops delivered", ["ProgressRag"] = "Green" }, "#progress-form");

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var saved = Store(app).PlanActions.FindById(action.Id);
        Assert.Equal([("Workshop dates agreed", Rag.Amber), ("Two workshops delivered", Rag.Green)], saved.Progress.Select(p => (p.Text, p.Rag)).ToList());
        Assert.Equal(Rag.Green, saved.Rag);
        var history = (await client.GetDocumentAsync(url)).QuerySelectorAll("#progress-history li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, history.Count);
        Assert.Contains(DateTime.UtcNow.ToString("d MMMM yyyy"), history[0]);
        Assert.Contains("Workshop dates agreed", history[0]);
        Assert.Equal(2, Trail(app, "action.progress").Count);

        var blank = await (await SubmitAsync(client, url, new() { ["ProgressText"] = "" }, "#progress-form")).ReadDocumentAsync();
        Assert.NotNull(blank.QuerySelector("#ProgressText-error"));
        Assert.NotNull(blank.QuerySelector("#ProgressRag-error"));
    }

    [Fact]
    public async Task A_past_timescale_is_flagged_overdue_until_the_action_is_closed()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var action = RoundFixture.PlanAction(app, fixture.Round, timescale: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-14));
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var planUrl = $"/rounds/{fixture.Round.Id}/actions";

        var row = (await client.GetDocumentAsync(planUrl)).QuerySelector("#action-A1")!;
        Assert.Contains("Overdue by 2 weeks", row.QuerySelector(".overdue")!.TextContent);

        var closed = await SubmitAsync(client, $"{planUrl}/{action.Id}", [], "#close-form");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.True(Store(app).PlanActions.FindById(action.Id).Closed);
        Assert.Single(Trail(app, "action.closed"));
        var detail = await client.GetDocumentAsync($"{planUrl}/{action.Id}");
        Assert.Null(detail.QuerySelector(".overdue"));
        Assert.Contains("Closed", detail.QuerySelector("h1")!.TextContent);
        Assert.Null((await client.GetDocumentAsync(planUrl)).QuerySelector("#action-A1"));
    }

    [Fact]
    public async Task Open_actions_carry_over_to_the_next_round_of_the_same_theme_and_closed_ones_do_not()
    {
        await using var app = new CaseAuditApp();
        var earlier = RoundFixture.Grading(app);
        var open = RoundFixture.PlanAction(app, earlier.Round);
        RoundFixture.PlanAction(app, earlier.Round, closed: true);
        var later = RoundFixture.Grading(app);
        Store(app).Rounds.Update(WithTitle(later.Round, "Supervision: spring 2027"));
        var otherTheme = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);

        var plan = await client.GetDocumentAsync($"/rounds/{later.Round.Id}/actions");

        var row = plan.QuerySelector("#action-A1")!;
        Assert.Contains(open.Aim, row.TextContent);
        Assert.Contains("Carried over from Supervision: test round", row.QuerySelector(".carried-over")!.TextContent);
        Assert.Null(plan.QuerySelector("#action-A2"));
        var other = await client.GetDocumentAsync($"/rounds/{otherTheme.Id}/actions");
        Assert.Null(other.QuerySelector("#action-A1"));
        Assert.NotNull(other.QuerySelector("#no-actions"));
    }

    private static Round WithTitle(Round round, string title)
    {
        round.Title = title;
        return round;
    }
}
