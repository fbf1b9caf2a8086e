using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Tests.Pages.Admin;
using CaseAudit.Web.Email;
using CaseAudit.Web.Identity;

namespace CaseAudit.Tests.Pages.Account;

public sealed class EmailsPageTests
{
    [Fact]
    public async Task An_auditor_sees_their_kinds_all_on_and_turns_two_off()
    {
        await using var app = new CaseAuditApp();
        var pat = await app.PersonAsync("pat.auditor", [Roles.Auditor], "pat@police.example.org");
        var client = await app.SignInAsync(pat);

        var page = await client.GetDocumentAsync("/account/emails");
        Assert.Contains("pat@police.example.org", page.QuerySelector("#email-address")!.TextContent);
        var boxes = page.QuerySelectorAll<IHtmlInputElement>("input[name='On']").ToList();
        Assert.Equal(["ReturnsToGrade", "DeadlineReminder", "OverdueNotice", "CaseActionAssigned", "PlanActionOverdue"], boxes.Select(b => b.Value));
        Assert.All(boxes, b => Assert.True(b.IsChecked));
        Assert.Equal("Deadline reminders", page.QuerySelector("label[for='On-2']")!.TextContent.Trim());
        Assert.StartsWith("Before the grading deadline", page.QuerySelector("#On-2-hint")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("[id^='always-']"));

        page.QuerySelector<IHtmlInputElement>("input[value='DeadlineReminder']")!.IsChecked = false;
        page.QuerySelector<IHtmlInputElement>("input[value='CaseActionAssigned']")!.IsChecked = false;
        var saved = await client.SubmitAsync(page.Form());

        saved.IsRedirectTo("/account");
        Assert.Equal([EmailKind.DeadlineReminder, EmailKind.CaseActionAssigned], app.Store().Users.FindById(pat.Id).EmailsOff);
        var audit = Assert.Single(app.Trail("account.emails-changed"));
        Assert.Equal(pat.Id, audit.ActorId);
        Assert.Equal("{\"off\":[]}", audit.Before);
        Assert.Equal("{\"off\":[\"DeadlineReminder\",\"CaseActionAssigned\"]}", audit.After);
        var account = await client.GetDocumentAsync("/account");
        Assert.Equal("Your email choices are saved.", account.QuerySelector(".govuk-notification-banner__heading")!.TextContent);
        Assert.Equal("3 of 5 on", account.QuerySelector("#emails-row .govuk-summary-list__value")!.TextContent.Trim());
        Assert.Equal("/account/emails", account.QuerySelector("#emails-row a")!.GetAttribute("href"));

        // Back on: the page shows what is saved, and ticking them again turns them on.
        var again = await client.GetDocumentAsync("/account/emails");
        Assert.False(again.QuerySelector<IHtmlInputElement>("input[value='DeadlineReminder']")!.IsChecked);
        again.QuerySelector<IHtmlInputElement>("input[value='DeadlineReminder']")!.IsChecked = true;
        again.QuerySelector<IHtmlInputElement>("input[value='CaseActionAssigned']")!.IsChecked = true;
        (await client.SubmitAsync(again.Form())).IsRedirectTo("/account");
        Assert.Empty(app.Store().Users.FindById(pat.Id).EmailsOff);
        Assert.Equal("All on", (await client.GetDocumentAsync("/account")).QuerySelector("#emails-row .govuk-summary-list__value")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_coordinator_cannot_turn_off_concern_alerts_even_with_a_crafted_post()
    {
        await using var app = new CaseAuditApp();
        var cleo = await app.PersonAsync("cleo.coordinator", [Roles.Coordinator], "cleo@example.org");
        var client = await app.SignInAsync(cleo);

        var page = await client.GetDocumentAsync("/account/emails");
        Assert.Equal(["OverdueDigest", "PlanActionOverdue"], page.QuerySelectorAll<IHtmlInputElement>("input[name='On']").Select(b => b.Value));
        Assert.Contains("You always get immediate safeguarding concern alerts because you coordinate audits", page.QuerySelector("#always-ConcernAlert")!.TextContent);
        Assert.Null(page.QuerySelector("input[value='ConcernAlert']"));

        // Nothing ticked, plus made-up values: a number that is ConcernAlert's place in the enum,
        // a name in the wrong case, nonsense and a very long string.
        var token = await client.TokenAsync();
        var response = await client.PostFormAsync("/account/emails", token,
            ("On", "4"), ("On", "concernalert"), ("On", "Nonsense"), ("On", new string('x', 100_000)));

        response.IsRedirectTo("/account");
        var off = app.Store().Users.FindById(cleo.Id).EmailsOff;
        Assert.Equal([EmailKind.OverdueDigest, EmailKind.PlanActionOverdue], off);
        Assert.True(EmailKindInfo.Wants(app.Store().Users.FindById(cleo.Id), EmailKind.ConcernAlert));
        Assert.Equal("1 of 3 on", (await client.GetDocumentAsync("/account")).QuerySelector("#emails-row .govuk-summary-list__value")!.TextContent.Trim());
        Assert.Empty(app.ServerErrors);
    }

    [Fact]
    public async Task A_board_member_cannot_turn_off_a_kind_that_is_not_theirs_and_unknown_kinds_are_ignored()
    {
        await using var app = new CaseAuditApp();
        var bo = await app.PersonAsync("bo.board", [Roles.Board], "bo@example.org");
        var client = await app.SignInAsync(bo);

        var page = await client.GetDocumentAsync("/account/emails");
        Assert.Equal(["RoundPublished", "PlanActionOverdue"], page.QuerySelectorAll<IHtmlInputElement>("input[name='On']").Select(b => b.Value));

        // Only PlanActionOverdue is ticked: RoundPublished goes off; Auditor kinds are not the board's to change.
        var token = await client.TokenAsync();
        (await client.PostFormAsync("/account/emails", token, ("On", "PlanActionOverdue"), ("On", "ReturnsToGrade"), ("On", "TestMessage"))).IsRedirectTo("/account");

        Assert.Equal([EmailKind.RoundPublished], app.Store().Users.FindById(bo.Id).EmailsOff);
    }

    [Fact]
    public async Task Saving_with_nothing_changed_writes_nothing()
    {
        await using var app = new CaseAuditApp();
        var pat = await app.PersonAsync("pat.auditor", [Roles.Auditor], "pat@police.example.org");
        var client = await app.SignInAsync(pat);

        var page = await client.GetDocumentAsync("/account/emails");
        (await client.SubmitAsync(page.Form())).IsRedirectTo("/account");

        Assert.Empty(app.Trail("account.emails-changed"));
        Assert.Equal("No changes were made to your emails.", (await client.GetDocumentAsync("/account")).QuerySelector(".govuk-notification-banner__heading")!.TextContent);
    }

    [Fact]
    public async Task Someone_with_no_email_address_is_told_they_get_no_emails()
    {
        await using var app = new CaseAuditApp();
        var pat = await app.PersonAsync("pat.auditor", [Roles.Auditor], email: null);
        var client = await app.SignInAsync(pat);

        var page = await client.GetDocumentAsync("/account/emails");
        var account = await client.GetDocumentAsync("/account");

        Assert.Contains("No email address: ask an administrator to add one, you get no emails until then", page.QuerySelector("#email-address")!.TextContent);
        Assert.Equal("No email address", account.QuerySelector("#emails-row .govuk-summary-list__value")!.TextContent.Trim());
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in_and_their_posts_change_nothing()
    {
        await using var app = new CaseAuditApp();
        var pat = await app.PersonAsync("pat.auditor", [Roles.Auditor], "pat@police.example.org");

        var get = await app.CreateHttpsClient().GetAsync("/account/emails");
        var post = await app.CreateHttpsClient().PostAsync("/account/emails", new FormUrlEncodedContent([new("On", "PlanActionOverdue")]));

        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.Contains("/sign-in", get.Headers.Location!.OriginalString);
        Assert.True((int)post.StatusCode is 302 or 400, $"{(int)post.StatusCode}");
        Assert.Empty(app.Store().Users.FindById(pat.Id).EmailsOff);
    }
}
