using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Retention;

/// The Admin's confirmation and retention pages on a small published round (RoundFixture's,
/// moved on in the store): what is refused, to whom, and what is kept of what was typed.
public sealed class DeleteRoundPageTests
{
    private static Round Publish(CaseAuditApp app, RoundFixture fixture, DateTime publishedAt, RoundStatus status = RoundStatus.Published)
    {
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var round = store.Rounds.FindById(fixture.Round.Id)!;
        round.Status = status;
        round.History.Add(new StatusChange(RoundStatus.Panel, RoundStatus.Published, publishedAt, "coordinator", null));
        if (status == RoundStatus.Closed)
        {
            round.History.Add(new StatusChange(RoundStatus.Published, RoundStatus.Closed, publishedAt.AddDays(30), "coordinator", null));
        }

        round.Version++;
        store.Rounds.Update(round);
        return round;
    }

    private static async Task<(CaseAuditApp App, Round Round, HttpClient Admin)> PublishedAsync(Dictionary<string, string>? settings = null)
    {
        var app = new CaseAuditApp(settings: settings);
        var round = Publish(app, RoundFixture.Grading(app), DateTime.UtcNow.AddDays(-10));
        return (app, round, await app.SignedInAsAsync(Roles.Admin));
    }

    [Fact]
    public async Task Confirming_without_the_title_or_a_reason_is_refused_next_to_each_field_and_keeps_what_was_typed()
    {
        var (app, round, admin) = await PublishedAsync();
        await using var _ = app;

        var empty = await (await RoundDeletionTests.ConfirmAsync(admin, round.Id, "", "")).ReadDocumentAsync();
        Assert.Equal(["Enter the round's title to confirm it should be deleted", "Enter why the round is being deleted"],
            empty.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent.Trim()).ToList());
        Assert.Equal(["#ConfirmTitle", "#Reason"], empty.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")).ToList());
        Assert.Contains("Enter the round's title", empty.QuerySelector("#ConfirmTitle")!.ParentElement!.QuerySelector(".govuk-error-message")!.TextContent);

        var wrong = await (await RoundDeletionTests.ConfirmAsync(admin, round.Id, "Some other round", "Past retention")).ReadDocumentAsync();
        Assert.Equal("The title you entered is not this round's title: enter it as shown above",
            wrong.QuerySelector("#ConfirmTitle")!.ParentElement!.QuerySelector(".govuk-error-message")!.TextContent.Replace("Error:", "").Trim());
        Assert.Equal("Some other round", wrong.QuerySelector<IHtmlInputElement>("#ConfirmTitle")!.Value);
        Assert.Equal("Past retention", wrong.QuerySelector<IHtmlTextAreaElement>("#Reason")!.Value);
        Assert.NotNull(app.Services.GetRequiredService<CaseAuditStore>().Rounds.FindById(round.Id));
        Assert.Empty(app.ServerErrors);
    }

    [Fact]
    public async Task A_round_that_changed_since_the_confirmation_was_shown_is_not_deleted_and_the_admin_is_told()
    {
        var (app, round, admin) = await PublishedAsync();
        await using var _ = app;
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var page = await admin.GetDocumentAsync($"/admin/rounds/{round.Id}/delete");
        // Meanwhile a learning point is added (the round's own version unchanged).
        store.LearningPoints.Insert(new LearningPoint { RoundId = round.Id, Text = "Supervision notes rarely record the child's voice" });

        var response = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form[method=post]")!,
            new Dictionary<string, string> { ["ConfirmTitle"] = round.Title, ["Reason"] = "Past retention" });

        var again = await response.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The round changed while you were looking at it", again.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal("1", again.QuerySelector("#learning")!.TextContent.Trim());
        Assert.Equal(round.Title, again.QuerySelector<IHtmlInputElement>("#ConfirmTitle")!.Value);
        Assert.NotNull(store.Rounds.FindById(round.Id));

        // Confirmed again on the numbers now shown, it goes.
        Assert.Equal(HttpStatusCode.Redirect, (await RoundDeletionTests.ConfirmAsync(admin, round.Id, round.Title)).StatusCode);
        Assert.Null(store.Rounds.FindById(round.Id));
    }

    [Fact]
    public async Task A_round_still_in_grading_cannot_be_deleted_even_by_a_crafted_post()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var admin = await app.SignedInAsAsync(Roles.Admin);

        var page = await admin.GetDocumentAsync($"/admin/rounds/{fixture.Round.Id}/delete");
        Assert.Contains("It cannot be deleted yet", page.QuerySelector("#not-closed")!.TextContent);
        Assert.Null(page.QuerySelector("main form[method=post]"));

        var token = (await admin.GetDocumentAsync("/sign-out")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var contents = CaseAudit.Web.Rounds.RoundContents.Of(store, fixture.Round.Id).Fingerprint;
        var crafted = await admin.PostAsync($"/admin/rounds/{fixture.Round.Id}/delete", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("Version", fixture.Round.Version.ToString()), new("Contents", contents),
            new("ConfirmTitle", fixture.Round.Title), new("Reason", "Crafted"),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, crafted.StatusCode);
        Assert.Contains("only a round whose findings are published or that is closed can be deleted",
            (await admin.GetDocumentAsync(crafted.Headers.Location!.OriginalString)).QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.NotNull(store.Rounds.FindById(fixture.Round.Id));
        Assert.Equal(1, store.Cases.Count(c => c.RoundId == fixture.Round.Id));
        Assert.False(store.AuditEntries.Exists(e => e.Type == "round.deleted"));
    }

    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.Board)]
    public async Task Only_an_admin_may_see_or_confirm_a_deletion(string role)
    {
        var (app, round, admin) = await PublishedAsync();
        await using var _ = app;
        var token = (await admin.GetDocumentAsync($"/admin/rounds/{round.Id}/delete")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var user = await app.CreateUserAsync($"only.{role.ToLowerInvariant()}", [role], agencyId: role == Roles.Auditor ? TestUsers.AgencyId : null);
        var client = await app.SignInAsync(user);
        var theirToken = (await client.GetDocumentAsync("/sign-out")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var contents = CaseAudit.Web.Rounds.RoundContents.Of(app.Services.GetRequiredService<CaseAuditStore>(), round.Id).Fingerprint;

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/admin/rounds/{round.Id}/delete")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/retention")).StatusCode);
        var post = await client.PostAsync($"/admin/rounds/{round.Id}/delete", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", theirToken), new("Version", round.Version.ToString()), new("Contents", contents),
            new("ConfirmTitle", round.Title), new("Reason", "Not mine to delete"),
        ]));

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.NotNull(app.Services.GetRequiredService<CaseAuditStore>().Rounds.FindById(round.Id));
        Assert.NotEmpty(token);
    }

    [Theory]
    [InlineData("no-such-round")]
    [InlineData("%27%22%3Cx%3E")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task A_crafted_round_id_is_not_found(string id)
    {
        var (app, _, admin) = await PublishedAsync();
        await using var __ = app;
        var token = (await admin.GetDocumentAsync("/sign-out")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/rounds/{id}/delete")).StatusCode);
        var post = await admin.PostAsync($"/admin/rounds/{id}/delete", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Version", "x"), new("Contents", "1.2"), new("ConfirmTitle", "t"), new("Reason", "r")]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Empty(app.ServerErrors);
    }

    [Fact]
    public async Task Two_confirmations_sent_at_once_delete_the_round_once_and_the_second_is_told_it_is_gone()
    {
        var (app, round, admin) = await PublishedAsync();
        await using var _ = app;
        // Two Admins (their own sessions, so each reads its own banner) confirm at the same moment.
        var other = await app.SignedInAsAsync(Roles.Admin);
        var clients = new[] { admin, other };
        var forms = new List<IHtmlFormElement>();
        foreach (var client in clients)
        {
            forms.Add((await client.GetDocumentAsync($"/admin/rounds/{round.Id}/delete")).QuerySelector<IHtmlFormElement>("main form[method=post]")!);
        }

        var values = new Dictionary<string, string> { ["ConfirmTitle"] = round.Title, ["Reason"] = "Past retention" };
        var responses = await Task.WhenAll(clients.Select((c, i) => c.SubmitAsync(forms[i], values)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var banners = new List<string>();
        foreach (var (client, response) in clients.Zip(responses))
        {
            banners.Add((await client.GetDocumentAsync(response.Headers.Location!.OriginalString)).QuerySelector(".govuk-notification-banner")!.TextContent);
        }

        Assert.Single(banners, b => b.Contains("has been deleted"));
        Assert.Single(banners, b => b.Contains("This round has already been deleted."));
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        Assert.Single(store.AuditEntries.Find(e => e.Type == "round.deleted"));
        Assert.Empty(app.ServerErrors);
    }

    [Fact]
    public async Task The_retention_page_lists_a_round_once_its_retention_period_has_passed_by_the_apps_clock()
    {
        await using var app = new CaseAuditApp(settings: new() { ["CaseAudit:Retention:Years"] = "2" });
        var closedAt = DateTime.UtcNow.AddDays(-40);
        var round = Publish(app, RoundFixture.Grading(app), closedAt.AddDays(-30), RoundStatus.Closed);
        var open = RoundFixture.Grading(app, id: "stillgrading");
        var admin = await app.SignedInAsAsync(Roles.Admin);

        var now = await admin.GetDocumentAsync("/admin/retention");
        Assert.NotNull(now.QuerySelector("#none-due"));
        Assert.Contains("2 years", now.QuerySelector("main")!.TextContent);
        Assert.Contains(round.Title, now.QuerySelector("#closed")!.TextContent);
        Assert.DoesNotContain(open.Round.Id, now.QuerySelector("main")!.InnerHtml);

        app.Clock.Offset = TimeSpan.FromDays(2 * 366);
        // Two years on, the old sign-in has long expired.
        admin = await app.SignedInAsAsync(Roles.Admin);
        var later = await admin.GetDocumentAsync("/admin/retention");
        var row = later.QuerySelector("#due tbody tr")!;
        Assert.Contains(round.Title, row.TextContent);
        Assert.Contains(closedAt.ToString("d MMMM yyyy"), row.TextContent);
        Assert.Equal($"/admin/rounds/{round.Id}/delete", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(later.QuerySelector("#closed"));
        Assert.Contains("/admin/retention", (await admin.GetDocumentAsync("/admin")).QuerySelector("main")!.InnerHtml);
    }
}
