using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Rounds;

/// Moves that say what they will do: every move goes through a confirmation page with the
/// round's numbers, and publishing unfinished work needs a tick and a reason, checked in the write.
public sealed class MovePagesTests
{
    private static CaseAuditStore Store(CaseAuditApp app) => app.Services.GetRequiredService<CaseAuditStore>();

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// The RoundFixture round with three cases: NS-2026-001 (police and health, both submitted,
    /// moderated), NS-2026-002 (police in progress, health not started) and NS-2026-003 (police
    /// in progress). So 2 of 5 returns submitted, 2 in progress, 1 not started; 1 of 3 cases
    /// moderated; one open concern; the deadline 10 days away.
    private static RoundFixture Known(CaseAuditApp app, RoundStatus status, bool concernOpen = true)
    {
        var fixture = RoundFixture.Grading(app, deadline: Today.AddDays(10));
        var store = Store(app);
        var round = fixture.Round;
        round.Status = status;
        store.Rounds.Update(round);
        SampledCase Add(string reference, params string[] agencies)
        {
            var c = new SampledCase { RoundId = round.Id, Reference = reference, AgeBand = "12–18", Level = "Child in need", Categories = ["Emotional"], AgencyIds = [.. agencies] };
            store.Cases.Insert(c);
            return c;
        }

        var second = Add("NS-2026-002", TestUsers.AgencyId, TestUsers.OtherAgencyId);
        var third = Add("NS-2026-003", TestUsers.AgencyId);
        void Return(SampledCase c, string agency, ReturnStatus s) => store.Returns.Upsert(new AgencyReturn
        {
            Id = AgencyReturn.KeyOf(c.Id, agency), RoundId = round.Id, CaseId = c.Id, AgencyId = agency, Status = s, Version = s == ReturnStatus.NotStarted ? 0 : 2,
        });

        Return(fixture.Case, TestUsers.AgencyId, ReturnStatus.Submitted);
        Return(fixture.Case, TestUsers.OtherAgencyId, ReturnStatus.Submitted);
        Return(second, TestUsers.AgencyId, ReturnStatus.InProgress);
        Return(second, TestUsers.OtherAgencyId, ReturnStatus.NotStarted);
        Return(third, TestUsers.AgencyId, ReturnStatus.InProgress);
        store.Moderations.Insert(new CaseModeration { Id = fixture.Case.Id, RoundId = round.Id, CaseId = fixture.Case.Id, Status = ModerationStatus.Moderated, Version = 1 });
        if (!concernOpen)
        {
            store.Concerns.DeleteAll();
        }

        return fixture;
    }

    private static IReadOnlyList<AuditEntry> Trail(CaseAuditApp app, string type) =>
        app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = type, Take = 100 });

    private static List<string> Rows(IDocument page, string table) =>
        page.QuerySelectorAll($"#{table} tbody tr").Select(r => string.Join(" | ", r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()))).ToList();

    private static IHtmlFormElement Form(IDocument page) => page.QuerySelector<IHtmlFormElement>("main form")!;

    [Theory]
    [InlineData(RoundStatus.Grading, RoundStatus.Panel, "2 draft returns will be locked and left out of the findings.")]
    [InlineData(RoundStatus.Grading, RoundStatus.Draft, "The sample can be changed again.")]
    [InlineData(RoundStatus.Panel, RoundStatus.Published, "2 cases of 3 are not moderated: their findings use each agency's own grades, not grades the panel agreed.")]
    [InlineData(RoundStatus.Panel, RoundStatus.Grading, "Auditors can change the 3 returns not submitted again.")]
    [InlineData(RoundStatus.Published, RoundStatus.Closed, "The round is closed for good: it cannot be reopened.")]
    [InlineData(RoundStatus.Published, RoundStatus.Panel, "The board no longer sees the findings until the round is published again")]
    public async Task Each_confirmation_page_states_the_rounds_numbers_and_what_the_move_does(RoundStatus from, RoundStatus to, string says)
    {
        await using var app = new CaseAuditApp();
        var fixture = Known(app, from);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await RoundMoves.ConfirmationAsync(coordinator, fixture.Round.Id, to);

        Assert.Equal("3", page.QuerySelector("#cases")!.TextContent.Trim());
        Assert.Equal("2 of 5 submitted, 2 in progress, 1 not started", page.QuerySelector("#returns")!.TextContent.Trim());
        Assert.Equal(["Northshire police | 1 | 2 | 0", "Northshire health | 1 | 0 | 1"], Rows(page, "returns-by-agency"));
        Assert.Equal("1 of 3", page.QuerySelector("#moderated")!.TextContent.Trim());
        Assert.Equal("1 open concern", page.QuerySelector("#concerns")!.TextContent.Trim());
        Assert.EndsWith("(10 days to go)", page.QuerySelector("#deadline")!.TextContent.Trim());
        Assert.Contains(page.QuerySelectorAll("#what-happens li"), li => li.TextContent.Contains(says, StringComparison.Ordinal));
        Assert.Equal(from, Store(app).Rounds.FindById(fixture.Round.Id).Status); // looking moves nothing
    }

    [Fact]
    public async Task Moving_to_the_panel_says_how_many_drafts_it_locks_then_locks_them()
    {
        await using var app = new CaseAuditApp();
        var fixture = Known(app, RoundStatus.Grading);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await RoundMoves.ConfirmationAsync(coordinator, fixture.Round.Id, RoundStatus.Panel);
        var says = page.QuerySelectorAll("#what-happens li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains("1 return not started will be locked and left out of the findings.", says);
        Assert.Contains("2 of 5 returns are submitted.", says);
        Assert.Null(page.QuerySelector("#Understood")); // no tick asked to move to the panel

        var moved = await coordinator.SubmitAsync(Form(page));

        Assert.Equal($"/rounds/{fixture.Round.Id}", moved.Headers.Location?.OriginalString);
        Assert.Equal(RoundStatus.Panel, Store(app).Rounds.FindById(fixture.Round.Id).Status);
        Assert.Contains("\"returnsLocked\":3", Assert.Single(Trail(app, "round.status-changed")).After);
    }

    [Fact]
    public async Task Starting_grading_says_how_many_returns_it_creates()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        Store(app).Cases.InsertBulk(
        [
            new SampledCase { RoundId = round.Id, Reference = "NS-2026-010", AgeBand = "0–2", Level = "Child protection", Categories = ["Physical"], AgencyIds = [TestUsers.AgencyId, TestUsers.OtherAgencyId] },
            new SampledCase { RoundId = round.Id, Reference = "NS-2026-011", AgeBand = "0–2", Level = "Child protection", Categories = ["Physical"], AgencyIds = [TestUsers.AgencyId] },
        ]);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await RoundMoves.ConfirmationAsync(coordinator, round.Id, RoundStatus.Grading);

        Assert.Equal("3 returns to create when grading starts", page.QuerySelector("#returns")!.TextContent.Trim());
        Assert.Equal(["Northshire police | 0 | 0 | 2", "Northshire health | 0 | 0 | 1"], Rows(page, "returns-by-agency"));
        Assert.StartsWith("3 returns will be created", page.QuerySelector("#what-happens li")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(Form(page))).StatusCode);
        Assert.Equal(3, Store(app).Returns.Count(r => r.RoundId == round.Id));
    }

    [Fact]
    public async Task Publishing_unfinished_work_is_refused_without_the_tick_and_a_reason_keeping_what_was_typed()
    {
        await using var app = new CaseAuditApp();
        var fixture = Known(app, RoundStatus.Panel, concernOpen: false);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);
        var page = await RoundMoves.ConfirmationAsync(coordinator, fixture.Round.Id, RoundStatus.Published);
        Assert.Contains("published with 1 of 3 cases moderated and 3 of 5 returns not submitted", page.QuerySelector("label[for=Understood]")!.TextContent);

        var neither = await (await coordinator.SubmitAsync(Form(page))).ReadDocumentAsync();

        Assert.Equal(["#Understood", "#Reason"], neither.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")));
        Assert.Contains("Confirm you understand", neither.QuerySelector("#Understood-error")!.TextContent);
        Assert.Contains("Enter why the findings should be published", neither.QuerySelector("#Reason-error")!.TextContent);
        Assert.Equal(RoundStatus.Panel, Store(app).Rounds.FindById(fixture.Round.Id).Status);

        var reasonOnly = await (await coordinator.SubmitAsync(Form(neither), new Dictionary<string, string> { ["Reason"] = "Board meets on Monday" })).ReadDocumentAsync();

        Assert.NotNull(reasonOnly.QuerySelector("#Understood-error"));
        Assert.Null(reasonOnly.QuerySelector("#Reason-error"));
        Assert.Equal("Board meets on Monday", reasonOnly.QuerySelector<IHtmlTextAreaElement>("#Reason")!.Value);
        Assert.Equal(RoundStatus.Panel, Store(app).Rounds.FindById(fixture.Round.Id).Status);
        Assert.Empty(Trail(app, "round.status-changed"));

        var tickOnly = await (await coordinator.SubmitAsync(Form(reasonOnly), new Dictionary<string, string> { ["Understood"] = "true", ["Reason"] = " " })).ReadDocumentAsync();

        Assert.NotNull(tickOnly.QuerySelector("#Reason-error"));
        Assert.True(tickOnly.QuerySelector<IHtmlInputElement>("#Understood")!.IsChecked);
        Assert.Equal(RoundStatus.Panel, Store(app).Rounds.FindById(fixture.Round.Id).Status);

        var published = await coordinator.SubmitAsync(Form(tickOnly), new Dictionary<string, string> { ["Understood"] = "true", ["Reason"] = "Board meets on Monday" });

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(RoundStatus.Published, Store(app).Rounds.FindById(fixture.Round.Id).Status);
    }

    [Fact]
    public async Task A_crafted_post_straight_to_the_move_handler_cannot_publish_unfinished_work()
    {
        await using var app = new CaseAuditApp();
        var fixture = Known(app, RoundStatus.Panel, concernOpen: false);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);
        var token = (await coordinator.GetDocumentAsync("/sign-out")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var url = $"/rounds/{fixture.Round.Id}/move?to=Published";
        Task<HttpResponseMessage> PostAsync(params (string, string)[] fields) =>
            coordinator.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]));
        var version = fixture.Round.Version.ToString();

        var bare = await PostAsync(("Version", version));
        var tickNoReason = await PostAsync(("Version", version), ("Understood", "true"), ("Reason", ""));
        var reasonNoTick = await PostAsync(("Version", version), ("Understood", "false"), ("Reason", "Because"));
        // The round page's old move handler is gone: it answers 405 and moves nothing.
        var oldHandler = await coordinator.PostAsync($"/rounds/{fixture.Round.Id}?handler=move",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("to", "Published"), new("version", version)]));

        Assert.NotNull((await bare.ReadDocumentAsync()).QuerySelector("#Understood-error"));
        Assert.NotNull((await tickNoReason.ReadDocumentAsync()).QuerySelector("#Reason-error"));
        Assert.NotNull((await reasonNoTick.ReadDocumentAsync()).QuerySelector("#Understood-error"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, oldHandler.StatusCode);
        Assert.Equal(RoundStatus.Panel, Store(app).Rounds.FindById(fixture.Round.Id).Status);
        Assert.Null(Store(app).PublishedFindings.FindById(fixture.Round.Id));
    }

    [Fact]
    public async Task The_rule_is_checked_in_the_write_so_work_unfinished_after_the_page_loaded_still_needs_the_tick()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var store = Store(app);
        store.Concerns.DeleteAll();
        fixture.Round.Status = RoundStatus.Panel;
        store.Rounds.Update(fixture.Round);
        foreach (var r in store.Returns.Find(r => r.RoundId == fixture.Round.Id).ToList())
        {
            r.Status = ReturnStatus.Submitted;
            store.Returns.Update(r);
        }

        var moderation = new CaseModeration { Id = fixture.Case.Id, RoundId = fixture.Round.Id, CaseId = fixture.Case.Id, Status = ModerationStatus.Moderated, Version = 1 };
        store.Moderations.Insert(moderation);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);
        var page = await RoundMoves.ConfirmationAsync(coordinator, fixture.Round.Id, RoundStatus.Published);
        Assert.Null(page.QuerySelector("#Understood")); // finished work: nothing to acknowledge

        // Meanwhile the case's moderation is no longer complete.
        moderation.Status = ModerationStatus.NotModerated;
        store.Moderations.Update(moderation);
        var refused = await (await coordinator.SubmitAsync(Form(page))).ReadDocumentAsync();

        Assert.Contains("published with 0 of 1 case moderated", refused.QuerySelector("#Understood-error")!.TextContent);
        Assert.Equal(RoundStatus.Panel, store.Rounds.FindById(fixture.Round.Id).Status);
    }

    [Fact]
    public async Task A_stale_confirmation_gets_a_conflict_message_and_the_current_numbers()
    {
        await using var app = new CaseAuditApp();
        var fixture = Known(app, RoundStatus.Grading);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);
        var page = await RoundMoves.ConfirmationAsync(coordinator, fixture.Round.Id, RoundStatus.Panel);
        var round = Store(app).Rounds.FindById(fixture.Round.Id);
        round.Version++; // someone else saved the round meanwhile
        Store(app).Rounds.Update(round);

        var stale = await (await coordinator.SubmitAsync(Form(page))).ReadDocumentAsync();

        Assert.Contains("Someone else changed this round", stale.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(RoundStatus.Grading, Store(app).Rounds.FindById(fixture.Round.Id).Status);
        Assert.Equal(round.Version.ToString(), stale.QuerySelector<IHtmlInputElement>("input[name=Version]")!.Value);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitAsync(Form(stale))).StatusCode);
        Assert.Equal(RoundStatus.Panel, Store(app).Rounds.FindById(fixture.Round.Id).Status);
    }

    [Fact]
    public async Task The_published_findings_and_the_audit_entry_say_what_was_unfinished_and_why()
    {
        await using var app = new CaseAuditApp();
        var fixture = Known(app, RoundStatus.Panel, concernOpen: false);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);
        const string why = "The board meets on Monday and asked for the findings so far.";

        await RoundMoves.MoveAsync(coordinator, fixture.Round.Id, RoundStatus.Published, RoundMoves.Knowingly(why));

        const string caveat = "published with 1 of 3 cases moderated and 3 of 5 returns not submitted";
        var frozen = Store(app).PublishedFindings.FindById(fixture.Round.Id);
        Assert.Equal((caveat, why), (frozen.PublishedWith, frozen.Reason));
        var entry = Assert.Single(Trail(app, "round.status-changed"));
        Assert.Contains("from Panel to Published, " + caveat, entry.Summary);
        Assert.Contains(why, entry.Summary);

        var findings = await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}/findings");
        Assert.Contains($"These findings were {caveat}.", findings.QuerySelector("#published-with.govuk-warning-text")!.TextContent);
        Assert.Contains(why, findings.QuerySelector("#publish-reason")!.TextContent);

        var board = await app.SignedInAsAsync(Roles.Board);
        var summary = await board.GetDocumentAsync($"/board/rounds/{fixture.Round.Id}");
        Assert.Contains($"These findings were {caveat}.", summary.QuerySelector("#published-with")!.TextContent);
        Assert.Contains(why, summary.QuerySelector("#publish-reason")!.TextContent);

        // The board's workbook, downloaded from the same page, says so on its cover.
        var download = await board.GetAsync(summary.QuerySelector("#board-links a[href*='handler=LearningSummary']")!.GetAttribute("href")!);
        using var workbook = new ClosedXML.Excel.XLWorkbook(await download.Content.ReadAsStreamAsync());
        Assert.Contains(CaseAudit.Tests.Excel.WorkbookChecks.AllText(workbook), cell => cell.Contains($"these findings were {caveat}. Why they were published then: {why}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Finished_work_publishes_without_a_tick_and_carries_no_warning()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var store = Store(app);
        store.Concerns.DeleteAll();
        fixture.Round.Status = RoundStatus.Panel;
        store.Rounds.Update(fixture.Round);
        foreach (var r in store.Returns.Find(r => r.RoundId == fixture.Round.Id).ToList())
        {
            r.Status = ReturnStatus.Submitted;
            store.Returns.Update(r);
        }

        store.Moderations.Insert(new CaseModeration { Id = fixture.Case.Id, RoundId = fixture.Round.Id, CaseId = fixture.Case.Id, Status = ModerationStatus.Moderated, Version = 1 });
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);

        Assert.Equal(HttpStatusCode.Redirect, (await RoundMoves.MoveAsync(coordinator, fixture.Round.Id, RoundStatus.Published)).StatusCode);

        Assert.Null(store.PublishedFindings.FindById(fixture.Round.Id).PublishedWith);
        Assert.Null((await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}/findings")).QuerySelector("#published-with"));
    }

    [Fact]
    public async Task A_draft_return_locked_by_the_move_reads_not_submitted_everywhere_it_is_shown()
    {
        await using var app = new CaseAuditApp();
        var fixture = Known(app, RoundStatus.Grading);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);
        var auditor = await app.SignInAsync(await app.CreateUserAsync("pat.police", [Roles.Auditor], agencyId: TestUsers.AgencyId));
        var draft = Store(app).Returns.FindOne(r => r.RoundId == fixture.Round.Id && r.AgencyId == TestUsers.AgencyId && r.Status == ReturnStatus.InProgress);
        Assert.Equal("In progress", (await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}/returns/{draft.Id}")).QuerySelector("h1 .govuk-tag")!.TextContent.Trim());

        await RoundMoves.MoveAsync(coordinator, fixture.Round.Id, RoundStatus.Panel);

        var grid = (await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}")).QuerySelector("#progress-grid")!;
        var tags = grid.QuerySelectorAll(".govuk-tag").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal(3, tags.Count(t => t == "Not submitted"));
        Assert.Equal(2, tags.Count(t => t == "Completed"));
        Assert.DoesNotContain("In progress", tags);
        Assert.DoesNotContain("Not started", tags);

        var coordinatorsView = await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}/returns/{draft.Id}");
        Assert.Equal("Not submitted", coordinatorsView.QuerySelector("h1 .govuk-tag")!.TextContent.Trim());
        Assert.Contains("left out of the findings", coordinatorsView.QuerySelector("#not-submitted")!.TextContent);

        var auditorsView = await auditor.GetDocumentAsync($"/returns/{draft.Id}/check");
        Assert.Contains("return not submitted", auditorsView.Title);
        Assert.DoesNotContain("submitted return", auditorsView.Title);
        Assert.Contains("Not submitted", auditorsView.QuerySelector(".govuk-inset-text")!.TextContent);
    }

    [Fact]
    public async Task The_progress_grid_scrolls_in_its_own_focusable_region_and_its_status_tags_sit_beside_visible_links()
    {
        await using var app = new CaseAuditApp();
        var fixture = Known(app, RoundStatus.Grading);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}");

        var region = page.QuerySelector("#progress-grid")!.ParentElement!;
        Assert.Contains("app-table-scroll", region.ClassList);
        Assert.Equal(("region", "0"), (region.GetAttribute("role"), region.GetAttribute("tabindex")));
        Assert.False(string.IsNullOrWhiteSpace(region.GetAttribute("aria-label")));
        var css = await coordinator.GetStringAsync("/css/site.css");
        Assert.Matches(@"\.app-table-scroll\s*\{[^}]*overflow-x:\s*auto", css);
        Assert.Matches(@"\.app-table-scroll:focus\s*\{[^}]*outline", css);

        Assert.Empty(page.QuerySelectorAll("#progress-grid a .govuk-tag"));
        var cells = page.QuerySelectorAll("#progress-grid td").Where(td => td.QuerySelector(".govuk-tag") is not null).ToList();
        Assert.Equal(5, cells.Count);
        Assert.All(cells, td => Assert.StartsWith("View", td.QuerySelector("a.govuk-link")!.TextContent.Trim()));
        Assert.Contains(page.QuerySelectorAll("#progress-grid a.govuk-link"), a => a.TextContent.Contains("Northshire health return for case NS-2026-002"));
    }

    [Fact]
    public async Task A_published_rounds_deadline_reads_published_some_time_ago_not_overdue()
    {
        await using var app = new CaseAuditApp();
        var fixture = Known(app, RoundStatus.Published, concernOpen: false);
        var round = fixture.Round;
        round.GradingDeadline = Today.AddDays(-365);
        round.History = [new(RoundStatus.Panel, RoundStatus.Published, DateTime.UtcNow.AddDays(-21), "someone", null)];
        Store(app).Rounds.Update(round);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await coordinator.GetDocumentAsync($"/rounds/{round.Id}");
        var deadline = page.QuerySelectorAll(".govuk-summary-list__row").Single(r => r.QuerySelector("dt")!.TextContent.Trim() == "Grading deadline");
        Assert.Contains("(published 3 weeks ago)", deadline.TextContent);
        Assert.DoesNotContain("overdue", page.QuerySelector("main")!.TextContent);

        var list = await coordinator.GetDocumentAsync("/rounds");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(round.Title));
        Assert.Contains("published 3 weeks ago", row.TextContent);
        Assert.DoesNotContain("overdue", row.TextContent);
    }
}
