using System.Net;
using System.Net.Sockets;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Email;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Admin;

public sealed class OutboxTests
{
    private static readonly DateTime Monday = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);

    private static async Task<(CaseAuditApp App, HttpClient Admin, CaseAuditUser Ada)> AdminAsync(Dictionary<string, string>? settings = null)
    {
        var app = new CaseAuditApp(settings: settings);
        var ada = await app.PersonAsync("ada.admin", [Roles.Admin], "ada@example.org");
        return (app, await app.SignInAsync(ada), ada);
    }

    private static string Outbox(CaseAuditApp app) => app.Services.GetRequiredService<MailSettings>().OutboxFolder;

    [Fact]
    public async Task The_list_shows_emails_newest_first_with_kind_status_and_retries()
    {
        var (app, admin, _) = await AdminAsync();
        await using var _app = app;
        app.AddMail("old", MailState.Sent, Monday, kind: EmailKind.ReturnsToGrade);
        app.AddMail("retrying", MailState.Queued, Monday.AddHours(2), lastError: "Could not reach smtp.example.org:587: Connection refused");
        app.AddMail("refused", MailState.Failed, Monday.AddHours(1), kind: EmailKind.ConcernAlert, lastError: "550 No such mailbox");

        var page = await admin.GetDocumentAsync("/admin/outbox");

        Assert.Equal($"No SMTP server is set, so emails are written to {Outbox(app)} as .eml files and listed here. Set CaseAudit:Email:Smtp:Host to send them.",
            page.QuerySelector("#where-emails-go")!.TextContent);
        var rows = page.QuerySelectorAll("#mail tbody tr").ToList();
        Assert.Equal(["retrying", "refused", "old"], rows.Select(r => r.GetAttribute("data-mail-id")));
        var cells = rows[1].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("30 November 2026 at 10:00", cells[0]);
        Assert.Contains("pat@example.org", cells[1]);
        Assert.Equal("Immediate safeguarding concerns", cells[2]);
        Assert.Equal("/admin/outbox/refused", rows[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Failed", rows[1].QuerySelector(".govuk-tag")!.TextContent);
        Assert.Equal("Sent", rows[2].QuerySelector(".govuk-tag")!.TextContent);
        Assert.Equal("Queued", rows[0].QuerySelector(".govuk-tag")!.TextContent);
        Assert.Contains("Trying again at 30 November 2027 at 11:00: Could not reach smtp.example.org:587", rows[0].TextContent);
        Assert.Null(page.QuerySelector("#capped"));
        Assert.NotNull((await admin.GetDocumentAsync("/admin")).QuerySelector("a[href='/admin/outbox']"));
    }

    [Fact]
    public async Task The_list_stops_at_the_latest_500_and_says_so()
    {
        var (app, admin, _) = await AdminAsync();
        await using var _app = app;
        app.Store().Mail.InsertBulk(Enumerable.Range(0, 501).Select(i => new QueuedMail
        {
            Id = $"m{i:D3}", Kind = EmailKind.OverdueNotice, RecipientName = "Pat", To = "pat@example.org", Subject = $"Overdue {i}",
            QueuedAt = Monday.AddMinutes(i), State = MailState.Sent,
        }));

        var page = await admin.GetDocumentAsync("/admin/outbox");

        var rows = page.QuerySelectorAll("#mail tbody tr").ToList();
        Assert.Equal(500, rows.Count);
        Assert.Equal("m500", rows[0].GetAttribute("data-mail-id"));
        Assert.Equal("m001", rows[^1].GetAttribute("data-mail-id"));
        Assert.Equal("Showing the latest 500 of 501 emails.", page.QuerySelector("#capped")!.TextContent);
    }

    [Fact]
    public async Task With_an_smtp_server_set_the_page_says_where_emails_go()
    {
        var (app, admin, _) = await AdminAsync(new()
        {
            ["CaseAudit:Email:Smtp:Host"] = "smtp.partnership.example.org", ["CaseAudit:Email:Smtp:Security"] = "Implicit",
            ["CaseAudit:Email:From"] = "CaseAudit <caseaudit@partnership.example.org>", ["CaseAudit:Email:SiteUrl"] = "https://caseaudit.example.org",
        });
        await using var _app = app;

        var page = await admin.GetDocumentAsync("/admin/outbox");

        Assert.Equal("Emails are sent through smtp.partnership.example.org:465 (implicit TLS) from CaseAudit <caseaudit@partnership.example.org>.",
            page.QuerySelector("#where-emails-go")!.TextContent);
        Assert.Equal("No emails yet.", page.QuerySelector("#no-mail")!.TextContent);
    }

    [Fact]
    public async Task A_message_shows_its_details_and_text_and_its_eml_file_downloads()
    {
        var (app, admin, _) = await AdminAsync();
        await using var _app = app;
        var mail = app.AddMail("returns-to-grade:r1:5:u1", MailState.Sent, Monday, outboxFile: "20261130-090000-DeadlineReminder-abc.eml");
        Directory.CreateDirectory(Outbox(app));
        await File.WriteAllTextAsync(Path.Combine(Outbox(app), mail.OutboxFile!), "Subject: the file\r\n\r\nhello");

        var page = await admin.GetDocumentAsync("/admin/outbox/" + Uri.EscapeDataString(mail.Id));

        Assert.Equal(mail.Subject, page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Pat Auditor <pat@example.org>", page.QuerySelector("#mail-details")!.TextContent);
        Assert.Equal("Sent", page.QuerySelector("#status .govuk-tag")!.TextContent);
        Assert.Equal("1", page.QuerySelector("#attempts")!.TextContent);
        Assert.Equal("None", page.QuerySelector("#last-error")!.TextContent);
        Assert.Equal(mail.Text, page.QuerySelector("pre#mail-text")!.TextContent);
        Assert.Null(page.QuerySelector("#send-again"));
        var download = await admin.GetAsync(page.QuerySelector("#download-eml")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("message/rfc822", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Subject: the file\r\n\r\nhello", await download.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("../caseaudit.db")]
    [InlineData("/etc/passwd")]
    [InlineData("missing.eml")]
    public async Task Only_the_recorded_file_in_the_outbox_folder_is_offered(string recorded)
    {
        var (app, admin, _) = await AdminAsync();
        await using var _app = app;
        app.AddMail("odd", MailState.Sent, Monday, outboxFile: recorded);

        var page = await admin.GetDocumentAsync("/admin/outbox/odd");
        var download = await admin.GetAsync("/admin/outbox/odd?handler=Eml");
        var withPath = await admin.GetAsync("/admin/outbox/odd?handler=Eml&file=..%2Fcaseaudit.db");

        Assert.Null(page.QuerySelector("#download-eml"));
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withPath.StatusCode);
    }

    [Fact]
    public async Task A_failed_message_is_sent_again_and_the_admin_is_audited()
    {
        var (app, admin, ada) = await AdminAsync();
        await using var _app = app;
        app.AddMail("refused", MailState.Failed, Monday, lastError: "550 No such mailbox");

        var page = await admin.GetDocumentAsync("/admin/outbox/refused");
        Assert.Equal("550 No such mailbox", page.QuerySelector("#last-error")!.TextContent);
        var response = await admin.SubmitAsync(page.Form("#send-again"));

        response.IsRedirectTo("/admin/outbox/refused");
        var queued = app.Store().Mail.FindById("refused");
        Assert.True(queued.State is MailState.Queued or MailState.Sent, $"{queued.State}");
        Assert.Null(queued.LastError);
        var audit = Assert.Single(app.Trail("mail.send-again"));
        Assert.Equal((ada.Id, "mail:refused"), (audit.ActorId, audit.Subject));
        Assert.Equal("The email is queued to be sent again.", (await admin.GetDocumentAsync("/admin/outbox/refused")).QuerySelector(".govuk-notification-banner__heading")!.TextContent);

        // The sender takes it now: it is due.
        await app.Services.GetRequiredService<MailSender>().SendDueAsync();
        var sent = app.Store().Mail.FindById("refused");
        Assert.Equal(MailState.Sent, sent.State);
        Assert.True(File.Exists(Path.Combine(Outbox(app), sent.OutboxFile!)));
    }

    [Fact]
    public async Task A_sent_message_cannot_be_sent_again_by_a_crafted_post()
    {
        var (app, admin, _) = await AdminAsync();
        await using var _app = app;
        app.AddMail("done", MailState.Sent, Monday);
        var token = await admin.TokenAsync("/admin/outbox");

        var response = await admin.PostFormAsync("/admin/outbox/done?handler=SendAgain", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This email is sent, so there is nothing to send again.", (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(MailState.Sent, app.Store().Mail.FindById("done").State);
        Assert.Empty(app.Trail("mail.send-again"));
    }

    [Fact]
    public async Task An_unknown_message_is_not_found_on_every_handler()
    {
        var (app, admin, _) = await AdminAsync();
        await using var _app = app;
        var token = await admin.TokenAsync("/admin/outbox");
        var long_ = new string('z', 5000);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/outbox/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/outbox/{long_}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/outbox/nope?handler=Eml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync("/admin/outbox/nope?handler=SendAgain", token)).StatusCode);
        Assert.Empty(app.ServerErrors);
    }

    [Fact]
    public async Task A_test_message_goes_to_the_admins_own_address_by_default_and_is_audited()
    {
        var (app, admin, ada) = await AdminAsync();
        await using var _app = app;

        var page = await admin.GetDocumentAsync("/admin/outbox");
        Assert.Equal("ada@example.org", page.QuerySelector<IHtmlInputElement>("#TestTo")!.Value);
        var response = await admin.SubmitAsync(page.Form("#test-send"));

        response.IsRedirectTo("/admin/outbox");
        var done = (await admin.GetDocumentAsync("/admin/outbox")).QuerySelector(".govuk-notification-banner__heading")!.TextContent;
        Assert.StartsWith("The test message to ada@example.org was sent. No SMTP server is set", done);
        var file = Assert.Single(Directory.GetFiles(Outbox(app), "*.eml"));
        Assert.Contains("CaseAudit test message", await File.ReadAllTextAsync(file));
        var audit = Assert.Single(app.Trail("mail.test-sent"));
        Assert.Equal(ada.Id, audit.ActorId);
        Assert.Contains("ada@example.org", audit.After);
        Assert.DoesNotContain("Nothing needs doing", audit.After);
        Assert.Empty(app.Store().Mail.FindAll());
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("")]
    [InlineData("two@at@example.org")]
    [InlineData("a@example.org, b@example.org")]
    public async Task A_bad_test_address_is_refused_next_to_the_field_and_kept(string typed)
    {
        var (app, admin, _) = await AdminAsync();
        await using var _app = app;

        var page = await admin.GetDocumentAsync("/admin/outbox");
        var response = await admin.SubmitAsync(page.Form("#test-send"), new Dictionary<string, string> { ["TestTo"] = typed });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await response.ReadDocumentAsync();
        Assert.Equal("#TestTo", again.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        Assert.NotNull(again.QuerySelector("#TestTo-error"));
        Assert.Equal(typed.Trim(), again.QuerySelector<IHtmlInputElement>("#TestTo")!.Value);
        Assert.Empty(app.Trail("mail.test-sent"));
        Assert.False(Directory.Exists(Outbox(app)) && Directory.GetFiles(Outbox(app)).Length > 0);
    }

    [Fact]
    public async Task A_very_long_test_address_is_refused_not_a_server_error()
    {
        var (app, admin, _) = await AdminAsync();
        await using var _app = app;

        var page = await admin.GetDocumentAsync("/admin/outbox");
        var response = await admin.SubmitAsync(page.Form("#test-send"), new Dictionary<string, string> { ["TestTo"] = new string('a', 50_000) + "@example.org" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter an email address in the correct format", (await response.ReadDocumentAsync()).QuerySelector("#TestTo-error")!.TextContent);
    }

    [Fact]
    public async Task A_test_message_the_server_cannot_take_shows_the_failure_and_is_audited()
    {
        // A port nobody listens on: the connection is refused at once.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (app, admin, _) = await AdminAsync(new()
        {
            ["CaseAudit:Email:Smtp:Host"] = "127.0.0.1", ["CaseAudit:Email:Smtp:Port"] = $"{port}", ["CaseAudit:Email:Smtp:Security"] = "None",
            ["CaseAudit:Email:From"] = "caseaudit@example.org", ["CaseAudit:Email:SiteUrl"] = "https://caseaudit.example.org",
        });
        await using var _app = app;

        var page = await admin.GetDocumentAsync("/admin/outbox");
        var response = await admin.SubmitAsync(page.Form("#test-send"), new Dictionary<string, string> { ["TestTo"] = "someone@example.org" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await response.ReadDocumentAsync();
        Assert.Contains($"The test message was not sent. 127.0.0.1:{port}:", again.QuerySelector("#TestTo-error")!.TextContent);
        Assert.NotNull(again.QuerySelector(".govuk-error-summary a[href='#TestTo']"));
        Assert.Equal("someone@example.org", again.QuerySelector<IHtmlInputElement>("#TestTo")!.Value);
        var audit = Assert.Single(app.Trail("mail.test-failed"));
        Assert.Contains("someone@example.org", audit.Summary);
    }

    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.Board)]
    public async Task Other_roles_are_refused_the_outbox_on_get_and_post_and_nothing_is_written(string role)
    {
        await using var app = new CaseAuditApp();
        app.AddMail("refused", MailState.Failed, Monday, lastError: "550 No such mailbox");
        var client = await app.SignedInAsAsync(role);
        var token = await client.TokenAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/outbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/outbox/refused")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/outbox/refused?handler=Eml")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync("/admin/outbox/refused?handler=SendAgain", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync("/admin/outbox?handler=Test", token, ("TestTo", "x@example.org"))).StatusCode);

        Assert.Equal(MailState.Failed, app.Store().Mail.FindById("refused").State);
        Assert.Empty(app.Trail("mail.send-again"));
        Assert.Empty(app.Trail("mail.test-sent"));
        Assert.False(Directory.Exists(Outbox(app)));
    }
}
