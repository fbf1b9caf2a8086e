using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Rounds;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Rounds;

/// A round and its cases corrected while planning (issue 12, item 2): every change through
/// RoundPlanner, refused with a message once the round has moved on or the page is stale.
public sealed class RoundCorrectionTests
{
    private static readonly Actor Someone = new(null, "Someone Else");

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static CaseAuditStore Store(CaseAuditApp app) => app.Services.GetRequiredService<CaseAuditStore>();

    private static RoundPlanner Planner(CaseAuditApp app) => app.Services.GetRequiredService<RoundPlanner>();

    private static AuditEntry Entry(CaseAuditApp app, string type) =>
        Assert.Single(app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = type, Take = 10 }));

    private static Dictionary<string, string> Date(string field, DateOnly date) => new()
    {
        [$"Input.{field}.Day"] = date.Day.ToString(), [$"Input.{field}.Month"] = date.Month.ToString(), [$"Input.{field}.Year"] = date.Year.ToString(),
    };

    private static Dictionary<string, string> Plan(DateOnly from, DateOnly to, DateOnly deadline, string title = "Lived experience: corrected") =>
        new[] { Date("PeriodFrom", from), Date("PeriodTo", to), Date("Deadline", deadline) }
            .SelectMany(d => d).Append(new("Input.Title", title)).ToDictionary();

    private static async Task<IHtmlFormElement> FormAsync(HttpClient client, string url) =>
        (await client.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>("main form")!;

    private static SampledCase AddCase(CaseAuditApp app, Round round, string reference, params string[] agencies)
    {
        var sampled = new SampledCase
        {
            RoundId = round.Id, Reference = reference, AgeBand = "5–11", Level = "Child in need", Categories = ["Emotional"],
            AgencyIds = agencies.Length == 0 ? [TestUsers.AgencyId] : [.. agencies],
        };
        Store(app).Cases.Insert(sampled);
        return sampled;
    }

    private static void MoveToGrading(CaseAuditApp app, Round round)
    {
        var stored = Store(app).Rounds.FindById(round.Id);
        stored.Status = RoundStatus.Grading;
        Store(app).Rounds.Update(stored);
    }

    [Fact]
    public async Task A_coordinator_corrects_a_draft_rounds_title_dates_and_agencies_and_the_audit_keeps_before_and_after()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await client.GetDocumentAsync($"/rounds/{round.Id}");
        var change = page.QuerySelectorAll<IHtmlAnchorElement>("#round-details a").First(a => a.TextContent.Contains("period under review"));
        var form = (await client.GetDocumentAsync(change.PathName)).QuerySelector<IHtmlFormElement>("main form")!;
        Assert.Equal(round.Title, form.QuerySelector<IHtmlInputElement>("#Input_Title")!.Value);
        Assert.Equal("30", form.QuerySelector<IHtmlInputElement>("#Input_PeriodTo")!.Value);
        var values = Plan(Today.AddDays(-90), Today.AddDays(-1), Today.AddDays(20), "Lived experience: spring");
        values["Input.AgencyIds"] = TestUsers.AgencyId; // health taken out

        var saved = await client.SubmitAsync(form, values);

        Assert.Equal($"/rounds/{round.Id}", saved.Headers.Location!.OriginalString);
        var stored = Store(app).Rounds.FindById(round.Id);
        Assert.Equal(("Lived experience: spring", Today.AddDays(-1), Today.AddDays(20), round.Version + 1), (stored.Title, stored.PeriodTo, stored.GradingDeadline, stored.Version));
        Assert.Equal([TestUsers.AgencyId], stored.AgencyIds);
        var entry = Entry(app, "round.changed");
        Assert.Contains("title, period under review, grading deadline, agencies", entry.Summary);
        Assert.Contains("Lived experience: planning", entry.Before);
        Assert.Contains(TestUsers.OtherAgencyId, entry.Before);
        Assert.Contains("Lived experience: spring", entry.After);
        Assert.DoesNotContain(TestUsers.OtherAgencyId, entry.After);
        Assert.Contains("Round details changed.", (await client.GetDocumentAsync($"/rounds/{round.Id}")).QuerySelector(".govuk-notification-banner")!.TextContent);
    }

    [Theory]
    [InlineData("/rounds/new")]
    [InlineData("/rounds/{id}/edit")]
    public async Task A_deadline_before_the_period_ends_or_in_the_past_is_refused_next_to_the_field(string url)
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var path = url.Replace("{id}", round.Id);
        var rounds = Store(app).Rounds.Count();

        async Task<string> DeadlineError(DateOnly to, DateOnly deadline)
        {
            var values = Plan(to.AddDays(-60), to, deadline);
            values["Input.TemplateId"] = "supervision";
            values["Input.AgencyIds"] = TestUsers.AgencyId;
            var page = await (await client.SubmitAsync(await FormAsync(client, path), values)).ReadDocumentAsync();
            Assert.Contains(page.QuerySelectorAll(".govuk-error-summary a"), a => a.GetAttribute("href") == "#Input_Deadline");
            Assert.Equal(deadline.Day.ToString(), page.QuerySelector<IHtmlInputElement>("#Input_Deadline")!.Value); // kept as typed
            return page.QuerySelector("#Input_Deadline-error")!.TextContent;
        }

        Assert.Contains("must be after the end of the period under review", await DeadlineError(Today.AddDays(10), Today.AddDays(10)));
        Assert.Contains("must be after the end of the period under review", await DeadlineError(Today.AddDays(10), Today.AddDays(5)));
        Assert.Contains("must be today or in the future", await DeadlineError(Today.AddDays(-30), Today.AddDays(-1)));

        Assert.Equal(rounds, Store(app).Rounds.Count());
        Assert.Equal(round.GradingDeadline, Store(app).Rounds.FindById(round.Id).GradingDeadline);
        Assert.Empty(app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "round.changed" }));
    }

    [Fact]
    public async Task The_deadline_is_judged_by_the_apps_clock_not_the_machines()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var form = await FormAsync(client, $"/rounds/{round.Id}/edit");
        app.Clock.Offset = TimeSpan.FromDays(-40);

        // Twenty days ago by this machine's clock, twenty days ahead by the app's.
        var saved = await client.SubmitAsync(form, Plan(Today.AddDays(-90), Today.AddDays(-50), Today.AddDays(-20)));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(Today.AddDays(-20), Store(app).Rounds.FindById(round.Id).GradingDeadline);
    }

    [Fact]
    public async Task A_stale_round_edit_gets_a_conflict_message_shows_what_is_saved_and_changes_nothing()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var form = await FormAsync(client, $"/rounds/{round.Id}/edit");
        var theirs = new RoundPlan("Theirs", Today.AddDays(-30), Today.AddDays(-1), Today.AddDays(40), [TestUsers.AgencyId, TestUsers.OtherAgencyId]);
        Assert.Empty(await Planner(app).ChangePlanAsync(round.Id, round.Version, theirs, Someone));

        var response = await client.SubmitAsync(form, Plan(Today.AddDays(-30), Today.AddDays(-1), Today.AddDays(50), "Mine"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("Someone else changed this round", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Contains("Theirs", page.QuerySelector("#saved-now")!.TextContent);
        Assert.Equal("Mine", page.QuerySelector<IHtmlInputElement>("#Input_Title")!.Value);
        Assert.Equal("Theirs", Store(app).Rounds.FindById(round.Id).Title);

        // Saving the page shown now is a deliberate choice over what is saved.
        var again = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Mine", Store(app).Rounds.FindById(round.Id).Title);
    }

    [Fact]
    public async Task A_round_that_has_moved_on_from_draft_cannot_be_changed()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var sampled = AddCase(app, round, "NS-2026-001");
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var roundForm = await FormAsync(client, $"/rounds/{round.Id}/edit");
        var caseForm = await FormAsync(client, $"/rounds/{round.Id}/cases/{sampled.Id}/edit");
        var removeForm = await FormAsync(client, $"/rounds/{round.Id}/cases/{sampled.Id}/remove");
        MoveToGrading(app, round);

        var roundPost = await client.SubmitAsync(roundForm, Plan(Today.AddDays(-30), Today.AddDays(-1), Today.AddDays(50), "Too late"));
        var casePost = await client.SubmitAsync(caseForm, new Dictionary<string, string> { ["Input.Level"] = "Looked after" });
        var removePost = await client.SubmitAsync(removeForm, new Dictionary<string, string> { ["Reason"] = "Too late" });

        foreach (var response in new[] { roundPost, casePost, removePost })
        {
            Assert.Equal($"/rounds/{round.Id}", response.Headers.Location!.OriginalString);
        }

        var roundPage = await client.GetDocumentAsync($"/rounds/{round.Id}");
        Assert.Contains("can only change while", roundPage.QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.Empty(roundPage.QuerySelectorAll("#round-details .govuk-summary-list__actions"));
        Assert.Equal("Lived experience: planning", Store(app).Rounds.FindById(round.Id).Title);
        Assert.Equal("Child in need", Store(app).Cases.FindById(sampled.Id).Level);

        // The planner refuses too, for a change that was already past the page when the round moved.
        var plan = await Planner(app).ChangePlanAsync(round.Id, Store(app).Rounds.FindById(round.Id).Version, RoundPlan.Of(round), Someone);
        Assert.Contains("moved on from planning", Assert.Single(plan).Message);
        var changed = await Planner(app).ChangeCaseAsync(round.Id, sampled.Id, sampled.Version, new CaseEntry { Reference = "NS-2026-001" }, Someone);
        Assert.Contains("moved on from planning", changed.Refusal);
        Assert.Contains("moved on from planning", await Planner(app).RemoveCaseAsync(round.Id, sampled.Id, sampled.Version, "A reason", Someone));
        Assert.Equal(1, Store(app).Cases.Count(c => c.RoundId == round.Id));
    }

    [Fact]
    public async Task Taking_out_the_only_agency_of_a_case_is_refused_naming_the_case_and_a_shared_agency_is_taken_off_the_case()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        AddCase(app, round, "NS-HEALTH-1", TestUsers.OtherAgencyId);
        AddCase(app, round, "NS-HEALTH-2", TestUsers.OtherAgencyId);
        var both = AddCase(app, round, "NS-BOTH-1", TestUsers.AgencyId, TestUsers.OtherAgencyId);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var values = Plan(Today.AddDays(-30), Today.AddDays(-1), Today.AddDays(50));
        values["Input.AgencyIds"] = TestUsers.AgencyId;

        var refused = await (await client.SubmitAsync(await FormAsync(client, $"/rounds/{round.Id}/edit"), values)).ReadDocumentAsync();

        var message = refused.QuerySelector("#Input_AgencyIds-error")!.TextContent;
        Assert.Contains("Cases NS-HEALTH-1 and NS-HEALTH-2 involve only Northshire health", message);
        Assert.DoesNotContain("NS-BOTH-1", message);
        Assert.Equal([TestUsers.AgencyId, TestUsers.OtherAgencyId], Store(app).Rounds.FindById(round.Id).AgencyIds);

        // With those two removed, health can go: the case it shared keeps only the police.
        foreach (var c in Store(app).Cases.Find(c => c.Reference.StartsWith("NS-HEALTH")).ToList())
        {
            Assert.Null(await Planner(app).RemoveCaseAsync(round.Id, c.Id, c.Version, "Health-only case, out of scope", Someone));
        }

        var saved = await client.SubmitAsync(await FormAsync(client, $"/rounds/{round.Id}/edit"), values);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var trimmed = Store(app).Cases.FindById(both.Id);
        Assert.Equal([TestUsers.AgencyId], trimmed.AgencyIds);
        Assert.Equal(both.Version + 1, trimmed.Version);
        Assert.Contains("NS-BOTH-1", Entry(app, "round.changed").After);
    }

    [Fact]
    public async Task A_coordinator_changes_a_case_and_the_audit_keeps_before_and_after()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var sampled = AddCase(app, round, "NS-2026-001");
        AddCase(app, round, "NS-2026-002");
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var change = (await client.GetDocumentAsync($"/rounds/{round.Id}")).QuerySelectorAll<IHtmlAnchorElement>("#sample-table a")
            .First(a => a.TextContent.Contains("Change") && a.TextContent.Contains("NS-2026-001"));
        var form = (await client.GetDocumentAsync(change.PathName)).QuerySelector<IHtmlFormElement>("main form")!;
        Assert.Equal("NS-2026-001", form.QuerySelector<IHtmlInputElement>("#Input_Reference")!.Value);
        Assert.True(form.QuerySelector<IHtmlInputElement>("input[name='Input.Level'][value='Child in need']")!.IsChecked);

        var taken = await (await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Reference"] = "ns-2026-002" })).ReadDocumentAsync();
        Assert.Contains("Case ns-2026-002 is already in this round's sample", taken.QuerySelector("#Input_Reference-error")!.TextContent);
        var unsafeReference = await (await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Reference"] = "Jane Smith 2015" })).ReadDocumentAsync();
        Assert.Contains("person's name", unsafeReference.QuerySelector("#Input_Reference-error")!.TextContent);
        Assert.Equal("NS-2026-001", Store(app).Cases.FindById(sampled.Id).Reference);

        var saved = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Reference"] = "NS-2026-011", ["Input.Level"] = "Child protection", ["Input.AgencyIds"] = TestUsers.OtherAgencyId,
        });

        Assert.Equal($"/rounds/{round.Id}#sample", saved.Headers.Location!.OriginalString);
        var stored = Store(app).Cases.FindById(sampled.Id);
        Assert.Equal(("NS-2026-011", "Child protection", "5–11", sampled.Version + 1), (stored.Reference, stored.Level, stored.AgeBand, stored.Version));
        Assert.Equal([TestUsers.OtherAgencyId], stored.AgencyIds);
        var entry = Entry(app, "case.changed");
        Assert.Contains("NS-2026-001", entry.Summary);
        Assert.Contains("now NS-2026-011", entry.Summary);
        Assert.Contains("Child in need", entry.Before);
        Assert.Contains("Child protection", entry.After);
    }

    [Fact]
    public async Task A_stale_case_edit_gets_a_conflict_message_and_changes_nothing()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var sampled = AddCase(app, round, "NS-2026-001");
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var form = await FormAsync(client, $"/rounds/{round.Id}/cases/{sampled.Id}/edit");
        var theirs = new CaseEntry { Reference = "NS-2026-001", AgeBand = "0–2", Level = "Looked after", Categories = ["Physical"], Agencies = [TestUsers.AgencyId] };
        Assert.True((await Planner(app).ChangeCaseAsync(round.Id, sampled.Id, sampled.Version, theirs, Someone)).IsSaved);

        var page = await (await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Level"] = "Early help" })).ReadDocumentAsync();

        Assert.Contains("Someone else changed this case", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Contains("Looked after", page.QuerySelector("#saved-now")!.TextContent);
        Assert.True(page.QuerySelector<IHtmlInputElement>("input[name='Input.Level'][value='Early help']")!.IsChecked);
        Assert.Equal("Looked after", Store(app).Cases.FindById(sampled.Id).Level);
    }

    [Fact]
    public async Task Removing_a_case_needs_a_reason_which_the_audit_trail_keeps()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var sampled = AddCase(app, round, "NS-2026-001");
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var remove = (await client.GetDocumentAsync($"/rounds/{round.Id}")).QuerySelectorAll<IHtmlAnchorElement>("#sample-table a")
            .First(a => a.TextContent.Contains("Remove"));
        var page = await client.GetDocumentAsync(remove.PathName);
        Assert.Contains("Remove case NS-2026-001 from the sample?", page.QuerySelector("h1")!.TextContent);
        var form = page.QuerySelector<IHtmlFormElement>("main form")!;

        var noReason = await (await client.SubmitAsync(form, new Dictionary<string, string> { ["Reason"] = "  " })).ReadDocumentAsync();
        Assert.Contains("Enter why you are removing the case", noReason.QuerySelector("#Reason-error")!.TextContent);
        Assert.Equal("#Reason", noReason.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        Assert.NotNull(Store(app).Cases.FindById(sampled.Id));

        var removed = await client.SubmitAsync(form, new Dictionary<string, string> { ["Reason"] = "Records held by another partnership" });

        Assert.Equal($"/rounds/{round.Id}#sample", removed.Headers.Location!.OriginalString);
        Assert.Null(Store(app).Cases.FindById(sampled.Id));
        var entry = Entry(app, "case.removed");
        Assert.Contains("Records held by another partnership", entry.After);
        Assert.DoesNotContain("another partnership", entry.Summary);
        Assert.Contains("Child in need", entry.Before);
        Assert.Contains("Case NS-2026-001 removed from the sample.", (await client.GetDocumentAsync($"/rounds/{round.Id}")).QuerySelector(".govuk-notification-banner")!.TextContent);
    }

    [Fact]
    public async Task Removing_a_case_someone_changed_meanwhile_is_refused()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var sampled = AddCase(app, round, "NS-2026-001");
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var form = await FormAsync(client, $"/rounds/{round.Id}/cases/{sampled.Id}/remove");
        var theirs = new CaseEntry { Reference = "NS-2026-001", AgeBand = "0–2", Level = "Looked after", Categories = ["Physical"], Agencies = [TestUsers.AgencyId] };
        Assert.True((await Planner(app).ChangeCaseAsync(round.Id, sampled.Id, sampled.Version, theirs, Someone)).IsSaved);

        var page = await (await client.SubmitAsync(form, new Dictionary<string, string> { ["Reason"] = "Duplicate" })).ReadDocumentAsync();

        Assert.Contains("Someone else changed this case", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.NotNull(Store(app).Cases.FindById(sampled.Id));
        Assert.Empty(app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "case.removed" }));
    }

    [Fact]
    public async Task A_case_page_for_a_case_of_another_round_is_not_found()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var other = RoundFixture.Draft(app);
        var sampled = AddCase(app, other, "NS-2026-001");
        var client = await app.SignedInAsAsync(Roles.Coordinator);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/rounds/{round.Id}/cases/{sampled.Id}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/rounds/{round.Id}/cases/{sampled.Id}/remove")).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.Board)]
    public async Task Crafted_posts_from_an_auditor_or_board_member_are_refused_and_change_nothing(string role)
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var sampled = AddCase(app, round, "NS-2026-001");
        var client = await app.SignedInAsAsync(role);
        var token = (await client.GetDocumentAsync("/sign-out")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var posts = new Dictionary<string, KeyValuePair<string, string>[]>
        {
            [$"/rounds/{round.Id}/edit"] = [.. Plan(Today.AddDays(-30), Today.AddDays(-1), Today.AddDays(50), "Crafted"), new("Input.AgencyIds", TestUsers.AgencyId), new("Version", round.Version.ToString())],
            [$"/rounds/{round.Id}/cases/{sampled.Id}/edit"] = [new("Input.Reference", "NS-CRAFTED-1"), new("Input.AgeBand", "0–2"), new("Input.Level", "Universal"),
                new("Input.Categories", "Medical"), new("Input.AgencyIds", TestUsers.AgencyId), new("Version", sampled.Version.ToString())],
            [$"/rounds/{round.Id}/cases/{sampled.Id}/remove"] = [new("Reason", "Crafted"), new("Version", sampled.Version.ToString())],
        };

        foreach (var (url, fields) in posts)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
            var post = await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields]));
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        Assert.Equal("Lived experience: planning", Store(app).Rounds.FindById(round.Id).Title);
        Assert.Equal("NS-2026-001", Store(app).Cases.FindById(sampled.Id).Reference);
        Assert.DoesNotContain(app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Take = 100 }), e => e.Type is "round.changed" or "case.changed" or "case.removed");
    }
}
