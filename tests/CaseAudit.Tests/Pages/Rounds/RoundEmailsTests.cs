using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Tests.Pages.Admin;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Email;
using CaseAudit.Web.Identity;

namespace CaseAudit.Tests.Pages.Rounds;

public sealed class RoundEmailsTests
{
    private static readonly DateTime Monday = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);

    private static Round Stored(CaseAuditApp app, Round round) => app.Store().Rounds.FindById(round.Id);

    [Fact]
    public async Task A_coordinator_changes_a_rounds_reminders_and_the_change_is_audited()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Grading(app).Round;
        var client = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await client.GetDocumentAsync($"/rounds/{round.Id}/emails");
        Assert.Equal("7, 2", page.QuerySelector<IHtmlInputElement>("#ReminderDays")!.Value);
        Assert.Equal("Days before the grading deadline, separated by commas, such as 7, 2. Leave it empty for no reminders.", page.QuerySelector("#ReminderDays-hint")!.TextContent);
        var saved = await client.SubmitAsync(page.Form("#reminders"), new Dictionary<string, string> { ["ReminderDays"] = "1 5; 5" });

        saved.IsRedirectTo($"/rounds/{round.Id}/emails");
        Assert.Equal([5, 1], Stored(app, round).ReminderDays);
        Assert.Equal(round.Version + 1, Stored(app, round).Version);
        var audit = Assert.Single(app.Trail("round.reminders-changed"));
        Assert.Equal(("{\"reminderDays\":[7,2]}", "{\"reminderDays\":[5,1]}", $"round:{round.Id}"), (audit.Before, audit.After, audit.Subject));
        var after = await client.GetDocumentAsync($"/rounds/{round.Id}/emails");
        Assert.Equal("Reminders will go 5, 1 days before the grading deadline.", after.QuerySelector(".govuk-notification-banner__heading")!.TextContent);
        Assert.Equal("5, 1", after.QuerySelector<IHtmlInputElement>("#ReminderDays")!.Value);

        // Empty: no reminders at all.
        (await client.SubmitAsync(after.Form("#reminders"), new Dictionary<string, string> { ["ReminderDays"] = "" })).IsRedirectTo($"/rounds/{round.Id}/emails");
        Assert.Empty(Stored(app, round).ReminderDays);
        Assert.Equal("No reminders will be sent for this round.", (await client.GetDocumentAsync($"/rounds/{round.Id}/emails")).QuerySelector(".govuk-notification-banner__heading")!.TextContent);
    }

    [Theory]
    [InlineData("7, tomorrow", "Enter each reminder as a whole number of days from 1 to 90")]
    [InlineData("0", "Enter each reminder as a whole number of days from 1 to 90")]
    [InlineData("91", "Enter each reminder as a whole number of days from 1 to 90")]
    [InlineData("1, 2, 3, 4, 5, 6", "Enter 5 reminders or fewer")]
    public async Task A_problem_goes_next_to_the_field_keeps_what_was_typed_and_saves_nothing(string typed, string problem)
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Grading(app).Round;
        var client = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await client.GetDocumentAsync($"/rounds/{round.Id}/emails");
        var response = await client.SubmitAsync(page.Form("#reminders"), new Dictionary<string, string> { ["ReminderDays"] = typed });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await response.ReadDocumentAsync();
        Assert.StartsWith(problem, again.QuerySelector(".govuk-error-summary a[href='#ReminderDays']")!.TextContent);
        Assert.Contains(problem, again.QuerySelector("#ReminderDays-error")!.TextContent);
        Assert.Equal(typed, again.QuerySelector<IHtmlInputElement>("#ReminderDays")!.Value);
        Assert.Equal([7, 2], Stored(app, round).ReminderDays);
        Assert.Empty(app.Trail("round.reminders-changed"));
    }

    [Fact]
    public async Task Hostile_input_is_refused_without_a_server_error()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Grading(app).Round;
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var token = await client.TokenAsync();

        var longText = await client.PostFormAsync($"/rounds/{round.Id}/emails", token, ("version", $"{round.Version}"), ("ReminderDays", new string('7', 100_000)));
        var badVersion = await client.PostFormAsync($"/rounds/{round.Id}/emails", token, ("version", "not a number"), ("ReminderDays", "3"));
        var unknown = await client.PostFormAsync($"/rounds/{new string('x', 3000)}/emails", token, ("version", "1"), ("ReminderDays", "3"));

        longText.NotServerError(app);
        badVersion.NotServerError(app);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/rounds/nope/emails")).StatusCode);
        Assert.Equal([7, 2], Stored(app, round).ReminderDays);
        Assert.Empty(app.ServerErrors);
    }

    [Fact]
    public async Task A_stale_form_is_refused_with_the_saved_reminders_shown()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Grading(app).Round;
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var page = await client.GetDocumentAsync($"/rounds/{round.Id}/emails");
        var other = await client.GetDocumentAsync($"/rounds/{round.Id}/emails");
        (await client.SubmitAsync(other.Form("#reminders"), new Dictionary<string, string> { ["ReminderDays"] = "10" })).IsRedirectTo($"/rounds/{round.Id}/emails");

        var response = await client.SubmitAsync(page.Form("#reminders"), new Dictionary<string, string> { ["ReminderDays"] = "3" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await response.ReadDocumentAsync();
        Assert.Contains("Someone else changed this round while you were looking at it", again.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal("10", again.QuerySelector<IHtmlInputElement>("#ReminderDays")!.Value);
        Assert.Equal([10], Stored(app, round).ReminderDays);
        Assert.Single(app.Trail("round.reminders-changed"));
    }

    [Theory]
    [InlineData(RoundStatus.Panel)]
    [InlineData(RoundStatus.Published)]
    public async Task After_grading_the_reminders_are_read_only_and_a_crafted_post_is_refused(RoundStatus status)
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Grading(app).Round;
        round.Status = status;
        app.Store().Rounds.Update(round);
        var client = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await client.GetDocumentAsync($"/rounds/{round.Id}/emails");
        Assert.Null(page.QuerySelector("#ReminderDays"));
        Assert.Contains("Reminders were set for 7, 2 days before the grading deadline", page.QuerySelector("#reminders")!.TextContent);
        var token = await client.TokenAsync();
        var response = await client.PostFormAsync($"/rounds/{round.Id}/emails", token, ("version", $"{round.Version}"), ("ReminderDays", "3"));
        var nonsense = await client.PostFormAsync($"/rounds/{round.Id}/emails", token, ("version", $"{round.Version}"), ("ReminderDays", "soon"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Reminders cannot be changed now", (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        var summary = (await nonsense.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!;
        Assert.Contains("Reminders cannot be changed now", summary.TextContent);
        Assert.Null(summary.QuerySelector("a[href='#ReminderDays']"));
        Assert.Equal([7, 2], Stored(app, round).ReminderDays);
        Assert.Empty(app.Trail("round.reminders-changed"));
    }

    [Fact]
    public async Task A_draft_rounds_reminders_can_be_changed()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await client.GetDocumentAsync($"/rounds/{round.Id}/emails");
        (await client.SubmitAsync(page.Form("#reminders"), new Dictionary<string, string> { ["ReminderDays"] = "14" })).IsRedirectTo($"/rounds/{round.Id}/emails");

        Assert.Equal([14], Stored(app, round).ReminderDays);
    }

    [Fact]
    public async Task The_page_lists_the_rounds_emails_without_bodies_and_the_people_who_get_none()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Grading(app).Round;
        var otherRound = RoundFixture.Draft(app);
        app.AddMail("a", MailState.Sent, Monday, round.Id, EmailKind.ReturnsToGrade, to: "first@example.org");
        app.AddMail("b", MailState.Failed, Monday.AddHours(1), round.Id, EmailKind.DeadlineReminder, to: "second@example.org", lastError: "550 No such mailbox");
        app.AddMail("c", MailState.Sent, Monday.AddHours(2), otherRound.Id, to: "elsewhere@example.org");
        await app.PersonAsync("amy.police", [Roles.Auditor], null, TestUsers.AgencyId);
        await app.PersonAsync("hal.health", [Roles.Auditor], "hal@health.example.org", TestUsers.OtherAgencyId);
        await app.PersonAsync("fay.fire", [Roles.Auditor], null, "fire");
        await app.PersonAsync("bo.board", [Roles.Board], null);
        await app.PersonAsync("ada.admin", [Roles.Admin], null);
        var gone = await app.PersonAsync("gus.gone", [Roles.Auditor], null, TestUsers.AgencyId);
        var stored = app.Store().Users.FindById(gone.Id);
        stored.Active = false;
        app.Store().Users.Update(stored);
        var cleo = await app.CreateUserAsync("cleo.coordinator", [Roles.Coordinator]);
        var client = await app.SignInAsync(cleo);

        var page = await client.GetDocumentAsync($"/rounds/{round.Id}/emails");

        var rows = page.QuerySelectorAll("#mail tbody tr").ToList();
        Assert.Equal(["b", "a"], rows.Select(r => r.GetAttribute("data-mail-id")));
        var cells = rows[0].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("30 November 2026 at 10:00", cells[0]);
        Assert.Contains("second@example.org", cells[1]);
        Assert.Equal(("Deadline reminders", "Failed"), (cells[2], cells[3]));
        Assert.Empty(page.QuerySelectorAll("#mail a"));
        Assert.DoesNotContain("Body of", page.Body!.TextContent);
        var noAddress = page.QuerySelectorAll("#no-address tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal([["Test amy.police", "Auditor, Northshire police"], ["Test bo.board", "Board"], ["Test cleo.coordinator", "Coordinator"]], noAddress);

        var roundPage = await client.GetDocumentAsync($"/rounds/{round.Id}");
        var link = roundPage.QuerySelector($"#action-links a[href='/rounds/{round.Id}/emails']")!;
        Assert.Equal("Emails (1 sent)", link.TextContent);
    }

    [Theory]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.Board)]
    [InlineData(Roles.Admin)]
    public async Task Other_roles_are_refused_on_get_and_post_and_nothing_changes(string role)
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Grading(app).Round;
        var client = await app.SignedInAsAsync(role);
        var token = await client.TokenAsync();

        var get = await client.GetAsync($"/rounds/{round.Id}/emails");
        var post = await client.PostFormAsync($"/rounds/{round.Id}/emails", token, ("version", $"{round.Version}"), ("ReminderDays", "1"));

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal([7, 2], Stored(app, round).ReminderDays);
        Assert.Empty(app.Trail("round.reminders-changed"));
    }
}
