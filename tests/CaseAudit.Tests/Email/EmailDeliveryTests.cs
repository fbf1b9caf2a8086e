using System.Net;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Email;
using CaseAudit.Web.Rounds;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static CaseAudit.Tests.Email.EmailApps;

namespace CaseAudit.Tests.Email;

/// The demo partnership's emails, sent through MailKit to a real SMTP server on loopback and
/// read back from its Maildir.
public sealed class EmailDeliveryTests
{
    private const string Site = "https://caseaudit.partnership.example";

    [Fact]
    public async Task Starting_grading_tells_each_involved_agencys_auditors_how_many_returns_they_have_and_when_they_are_due()
    {
        using var smtp = new LoopbackSmtp();
        await smtp.StartAsync();
        using var app = DemoApp(smtp.Settings());

        var round = await app.StartNewRoundAsync("police", "health");
        await app.MailPassAsync();

        var police = Assert.Single(smtp.ReceivedBy(EmailOf(Auditor("police"))), m => (m.Subject ?? "").Contains(round.Title, StringComparison.Ordinal));
        Assert.Equal($"You have 2 returns to grade for {round.Title}, due {round.GradingDeadline:dddd d MMMM yyyy}", police.Subject);
        var health = Assert.Single(smtp.ReceivedBy(EmailOf(Auditor("health"))), m => (m.Subject ?? "").Contains(round.Title, StringComparison.Ordinal));
        Assert.StartsWith("You have 1 return to grade", health.Subject, StringComparison.Ordinal);
        Assert.Contains($"{Site}/returns", police.TextBody, StringComparison.Ordinal);
        Assert.Contains("You get this because you audit for Northshire Police", police.TextBody, StringComparison.Ordinal);
        // Agencies not in the round hear nothing about it.
        Assert.DoesNotContain(smtp.Received(), m => (m.Subject ?? "").Contains(round.Title, StringComparison.Ordinal) && m.To.Mailboxes.Any(a => a.Address == EmailOf(Auditor("education"))));
        AssertWellFormed(smtp.Received());
        AssertNothingChildLevel(app, smtp.Received());
        AssertEachSendAudited(app, smtp.Received());
    }

    [Fact]
    public async Task Reminders_follow_the_clock_then_overdue_notices_and_the_coordinators_digest_each_once_and_as_people_chose()
    {
        using var smtp = new LoopbackSmtp();
        await smtp.StartAsync();
        var today = UkToday;
        using var app = DemoApp(smtp.Settings());
        var round = app.Store().Rounds.FindById(DemoRounds.GradingRoundId);
        Assert.Equal(today.AddDays(10), round.GradingDeadline);
        await app.SetEmailsOffAsync(Auditor("health"), EmailKind.DeadlineReminder);
        var late = round.AgencyIds
            .Select(a => (Agency: a, Open: app.Store().Returns.Count(r => r.RoundId == round.Id && r.AgencyId == a && r.Status != ReturnStatus.Submitted)))
            .Where(a => a.Open > 0).ToList();
        Assert.Contains(late, a => a.Agency == "health");
        Assert.True(late.Count >= 2, "the demo's grading round has several agencies still to submit");
        IReadOnlyList<MimeMessage> Reminders(string kind) =>
            [.. smtp.Received().Where(m => m.Headers["X-CaseAudit-Kind"] == kind && (m.Subject ?? "").Contains(round.Title, StringComparison.Ordinal))];

        // Today: the deadline is 10 days off; no reminder is due yet.
        await app.MailPassAsync();
        Assert.Empty(Reminders(nameof(EmailKind.DeadlineReminder)));

        // Seven days before: one reminder to each late agency's auditor, but not to the one who turned them off.
        app.Clock.SetUk(today.AddDays(3));
        await app.MailPassAsync();
        var sevenDays = Reminders(nameof(EmailKind.DeadlineReminder));
        Assert.Equal(late.Where(a => a.Agency != "health").Select(a => EmailOf(Auditor(a.Agency))).Order(), sevenDays.Select(m => m.To.Mailboxes.Single().Address).Order());
        foreach (var (agency, open) in late.Where(a => a.Agency != "health"))
        {
            var reminder = sevenDays.Single(m => m.To.Mailboxes.Single().Address == EmailOf(Auditor(agency)));
            Assert.Equal($"Reminder: {"return".ToQuantityText(open)} for {round.Title} due in 7 days", reminder.Subject);
        }

        // Later the same day, and the day after: nothing again.
        app.Clock.SetUk(today.AddDays(3), 16);
        await app.MailPassAsync();
        app.Clock.SetUk(today.AddDays(4));
        await app.MailPassAsync();
        Assert.Equal(sevenDays.Count, Reminders(nameof(EmailKind.DeadlineReminder)).Count);

        // Before 08:00 on the two-day mark nothing goes; from 08:00 the second reminder does.
        app.Clock.SetUk(today.AddDays(8), 7, 10);
        await app.MailPassAsync();
        Assert.Equal(sevenDays.Count, Reminders(nameof(EmailKind.DeadlineReminder)).Count);
        app.Clock.SetUk(today.AddDays(8), 8, 5);
        await app.MailPassAsync();
        var twoDays = Reminders(nameof(EmailKind.DeadlineReminder)).Where(m => (m.Subject ?? "").EndsWith("due in 2 days", StringComparison.Ordinal)).ToList();
        Assert.Equal(sevenDays.Count, twoDays.Count);

        // The day after the deadline: an overdue notice to every late agency's auditor (the one
        // who turned off reminders still gets this kind) and one digest to the Coordinator.
        app.Clock.SetUk(today.AddDays(11));
        await app.MailPassAsync();
        var overdue = Reminders(nameof(EmailKind.OverdueNotice));
        Assert.Equal(late.Select(a => EmailOf(Auditor(a.Agency))).Order(), overdue.Select(m => m.To.Mailboxes.Single().Address).Order());
        var digest = Assert.Single(Reminders(nameof(EmailKind.OverdueDigest)));
        Assert.Equal(EmailOf(DemoRounds.Coordinator), digest.To.Mailboxes.Single().Address);
        foreach (var (agency, open) in late)
        {
            var name = app.Store().Agencies.FindById(agency).Name;
            Assert.Contains($"* {name}: {open} of ", digest.TextBody, StringComparison.Ordinal);
        }

        Assert.Contains($"{Site}/rounds/{round.Id}", digest.TextBody, StringComparison.Ordinal);

        // Sweeping again days later sends none of them twice (only the open concern's daily reminder goes).
        int NotConcerns() => smtp.Received().Count(m => m.Headers["X-CaseAudit-Kind"] != nameof(EmailKind.ConcernAlert));
        var count = NotConcerns();
        app.Clock.SetUk(today.AddDays(12));
        await app.MailPassAsync();
        app.Clock.SetUk(today.AddDays(14));
        await app.MailPassAsync();
        Assert.Equal(count, NotConcerns());
        Assert.Equal(sevenDays.Count * 2, Reminders(nameof(EmailKind.DeadlineReminder)).Count);
        Assert.Equal(late.Count, Reminders(nameof(EmailKind.OverdueNotice)).Count);
        Assert.Single(Reminders(nameof(EmailKind.OverdueDigest)));
        AssertWellFormed(smtp.Received());
        AssertNothingChildLevel(app, smtp.Received());
        AssertEachSendAudited(app, smtp.Received());
    }

    [Fact]
    public async Task An_immediate_concern_alerts_every_coordinator_at_once_and_each_day_until_it_is_followed_up_whatever_they_chose()
    {
        using var smtp = new LoopbackSmtp();
        await smtp.StartAsync();
        var today = UkToday;
        using var app = DemoApp(smtp.Settings());
        // A Coordinator cannot turn concern alerts off, even by a crafted save.
        await app.SetEmailsOffAsync(DemoRounds.Coordinator, EmailKind.ConcernAlert);
        var coordinator = EmailOf(DemoRounds.Coordinator);

        var round = await app.StartNewRoundAsync("police", "health");
        var concern = await app.RaiseConcernAsync(round.Id, "police");
        await app.MailPassAsync();
        var reference = app.Store().Cases.FindById(concern.CaseId).Reference;
        var alert = Assert.Single(smtp.ReceivedBy(coordinator), m => m.Subject == $"Immediate safeguarding concern raised on case {reference}");
        Assert.Contains($"{Site}/rounds/{round.Id}/concerns/{concern.Id}", alert.TextBody, StringComparison.Ordinal);
        Assert.Contains("Coordinators always get immediate safeguarding concern alerts", alert.TextBody, StringComparison.Ordinal);

        // The next two mornings it is still open: one reminder each day.
        Assert.DoesNotContain(smtp.ReceivedBy(coordinator), m => m.Subject == $"Still open: immediate safeguarding concern on case {reference}");
        app.Clock.SetUk(today.AddDays(1));
        await app.MailPassAsync();
        await app.MailPassAsync();
        app.Clock.SetUk(today.AddDays(2));
        await app.MailPassAsync();
        var stillOpen = smtp.ReceivedBy(coordinator).Where(m => m.Subject == $"Still open: immediate safeguarding concern on case {reference}").ToList();
        Assert.Equal(2, stillOpen.Count);
        Assert.Contains("raised 2 days ago", stillOpen.Select(m => m.TextBody).Last(), StringComparison.Ordinal);

        // Followed up: no more reminders.
        var coordinatorActor = app.Person(DemoRounds.Coordinator);
        Assert.True(await app.Services.GetRequiredService<CaseAudit.Web.Returns.ConcernDesk>().FollowUpAsync(concern.Id, "Checked with the front door: a strategy discussion was held the same day.", reference, coordinatorActor));
        app.Clock.SetUk(today.AddDays(3));
        await app.MailPassAsync();
        Assert.Equal(2, smtp.ReceivedBy(coordinator).Count(m => m.Subject == $"Still open: immediate safeguarding concern on case {reference}"));
        AssertWellFormed(smtp.Received());
        AssertNothingChildLevel(app, smtp.Received());
        AssertEachSendAudited(app, smtp.Received());
    }

    [Fact]
    public async Task Publishing_emails_the_board_a_case_action_its_agencys_auditors_and_an_overdue_plan_action_its_lead_if_they_are_a_user()
    {
        using var smtp = new LoopbackSmtp();
        await smtp.StartAsync();
        var today = UkToday;
        using var app = DemoApp(smtp.Settings());
        var planner = app.Services.GetRequiredService<RoundPlanner>();
        var coordinator = app.Person(DemoRounds.Coordinator);

        await app.AddCaseActionAsync(DemoRounds.GradingRoundId, "health");
        await app.MailPassAsync();
        var action = Assert.Single(smtp.ReceivedBy(EmailOf(Auditor("health"))), m => m.Headers["X-CaseAudit-Kind"] == nameof(EmailKind.CaseActionAssigned));
        Assert.StartsWith("A case action for Northshire Integrated Care Board (health) on case NS-2026-0", action.Subject, StringComparison.Ordinal);
        Assert.Contains($"{Site}/case-actions", action.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(smtp.Received(), m => m.Headers["X-CaseAudit-Kind"] == nameof(EmailKind.CaseActionAssigned) && m.To.Mailboxes.Single().Address != EmailOf(Auditor("health")));

        // The demo's open concern is followed up, then the round goes to the panel and is
        // published unfinished (a tick and a reason), and the board member hears of it.
        var store = app.Store();
        foreach (var concern in store.Concerns.Find(c => c.RoundId == DemoRounds.GradingRoundId && c.FollowUp == null).ToList())
        {
            Assert.True(await app.Services.GetRequiredService<CaseAudit.Web.Returns.ConcernDesk>().FollowUpAsync(concern.Id, "Followed up with the front door.", "x", coordinator));
        }

        Assert.Null(await planner.MoveAsync(DemoRounds.GradingRoundId, store.Rounds.FindById(DemoRounds.GradingRoundId).Version, RoundStatus.Panel, null, coordinator));
        Assert.Null(await planner.MoveAsync(DemoRounds.GradingRoundId, store.Rounds.FindById(DemoRounds.GradingRoundId).Version, RoundStatus.Published,
            "The board meets this week; the rest follows.", coordinator, understood: true));
        await app.MailPassAsync();
        var board = DemoPartnership.People.Single(p => p.Roles.Contains(CaseAudit.Web.Identity.Roles.Board));
        var published = Assert.Single(smtp.ReceivedBy(board.Email!), m => m.Headers["X-CaseAudit-Kind"] == nameof(EmailKind.RoundPublished));
        Assert.Equal($"Findings published: {store.Rounds.FindById(DemoRounds.GradingRoundId).Title}", published.Subject);
        Assert.Contains($"{Site}/board/rounds/{DemoRounds.GradingRoundId}", published.TextBody, StringComparison.Ordinal);
        Assert.Contains("published with ", published.TextBody, StringComparison.Ordinal);

        // An action led by a person on CaseAudit (by their name) passes its timescale: they hear
        // once. One led by a role title that is nobody's name emails no one.
        var plan = store.PlanActions.FindAll().First();
        var chris = store.Users.FindOne(u => u.UserName == DemoRounds.Coordinator);
        await app.Services.GetRequiredService<CaseAudit.Web.Actions.ActionDesk>().UpdateAsync(plan.Id, plan.Version, a =>
        {
            a.LeadName = chris.DisplayName.ToUpperInvariant();
            a.Timescale = today.AddDays(-1);
        }, coordinator);
        await app.MailPassAsync();
        app.Clock.SetUk(today.AddDays(1));
        await app.MailPassAsync();
        var overdue = Assert.Single(smtp.Received(), m => m.Headers["X-CaseAudit-Kind"] == nameof(EmailKind.PlanActionOverdue));
        Assert.Equal(chris.Email, overdue.To.Mailboxes.Single().Address);
        Assert.StartsWith($"Action {plan.Ref} in the ", overdue.Subject, StringComparison.Ordinal);
        AssertWellFormed(smtp.Received());
        AssertNothingChildLevel(app, smtp.Received());
        AssertEachSendAudited(app, smtp.Received());
    }

    [Fact]
    public async Task With_no_smtp_settings_the_demo_fills_the_outbox_with_eml_files_as_a_round_moves()
    {
        using var app = DemoApp();
        var round = await app.StartNewRoundAsync("police", "education");
        await app.RaiseConcernAsync(round.Id, "education");
        await app.MailPassAsync();

        var outbox = Path.Combine(Path.GetDirectoryName(app.DataFile)!, "outbox");
        var mail = app.Store().Mail.Find(m => m.RoundId == round.Id).ToList();
        Assert.Equal(3, mail.Count); // two agencies' auditors and the Coordinator
        Assert.All(mail, m =>
        {
            Assert.Equal(MailState.Sent, m.State);
            Assert.Equal("the outbox", m.Via);
            var message = MimeMessage.Load(Path.Combine(outbox, m.OutboxFile!));
            Assert.Equal(m.Subject, message.Subject);
            Assert.Equal(m.To, message.To.Mailboxes.Single().Address);
            Assert.Equal(m.Text.ReplaceLineEndings(), (message.TextBody ?? "").ReplaceLineEndings());
        });
        Assert.Equal(
            app.Store().Mail.FindAll().Select(m => m.OutboxFile).Order(StringComparer.Ordinal),
            Directory.GetFiles(outbox, "*.eml").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        AssertWellFormed([.. Directory.GetFiles(outbox, "*.eml").Select(f => MimeMessage.Load(f))], from: "caseaudit@localhost");
        AssertNothingChildLevel(app, [.. Directory.GetFiles(outbox, "*.eml").Select(f => MimeMessage.Load(f))]);

        // Another pass writes nothing new.
        await app.MailPassAsync();
        Assert.Equal(app.Store().Mail.Count(), Directory.GetFiles(outbox, "*.eml").Length);
    }

    [Fact]
    public async Task While_the_smtp_server_is_down_messages_wait_in_the_queue_and_when_it_is_back_each_is_sent_once()
    {
        using var smtp = new LoopbackSmtp();
        using var app = DemoApp(smtp.Settings());
        var round = await app.StartNewRoundAsync("police", "health");
        await app.MailPassAsync();
        await app.MailPassAsync();

        var queued = app.Store().Mail.Find(m => m.RoundId == round.Id).ToList();
        Assert.Equal(2, queued.Count);
        Assert.All(queued, m =>
        {
            Assert.Equal(MailState.Queued, m.State);
            Assert.Equal(1, m.Attempts); // the second pass came before the backoff was up
            Assert.StartsWith($"Could not reach 127.0.0.1:{smtp.Port}", m.LastError, StringComparison.Ordinal);
            Assert.True(m.NextAttemptAt > app.Clock.GetUtcNow().UtcDateTime);
        });
        var subjects = queued.Select(m => $"mail:{m.Id}").ToHashSet();
        Assert.Equal(2, app.Store().AuditEntries.Find(e => e.Type == "mail.failed").Count(e => subjects.Contains(e.Subject!)));

        // Back up: nothing goes before the backoff is over, then each goes once, however many passes run.
        await smtp.StartAsync();
        await app.MailPassAsync();
        Assert.Empty(smtp.Received());
        app.Clock.Offset += MailSender.Backoff(1);
        await Task.WhenAll(app.MailPassAsync(), app.MailPassAsync(), app.MailPassAsync());
        await app.MailPassAsync();

        var received = smtp.Received().Where(m => (m.Subject ?? "").Contains(round.Title, StringComparison.Ordinal)).ToList();
        Assert.Equal(queued.Select(m => m.To).Order(), received.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.Equal(received.Count, received.Select(m => m.MessageId).Distinct().Count());
        Assert.All(app.Store().Mail.Find(m => m.RoundId == round.Id), m =>
        {
            Assert.Equal(MailState.Sent, m.State);
            Assert.Equal(2, m.Attempts);
            Assert.Null(m.LastError);
            Assert.Equal("OK", m.ServerAnswer); // what aiosmtpd says when it has stored a message
        });
        AssertEachSendAudited(app, smtp.Received());
    }

    [Fact]
    public async Task A_message_queued_before_a_restart_is_sent_by_the_next_start_once()
    {
        using var smtp = new LoopbackSmtp();
        var folder = Directory.CreateTempSubdirectory("caseaudit-email-restart-").FullName;
        var dataFile = Path.Combine(folder, "caseaudit.db");
        string title;
        using (var first = DemoApp(smtp.Settings(), dataFile))
        {
            title = (await first.StartNewRoundAsync("police")).Title;
            await first.MailPassAsync();
            Assert.Equal(MailState.Queued, Assert.Single(first.Store().Mail.Find(m => (m.Subject ?? "").Contains(title))).State);
        }

        await smtp.StartAsync();
        using var second = DemoApp(smtp.Settings(), dataFile);
        // The second start's clock begins at 09:30 again; the first had run on while it seeded the demo.
        second.Clock.Offset += MailSender.Backoff(1) + TimeSpan.FromMinutes(5);
        await second.MailPassAsync();
        await second.MailPassAsync();
        var received = Assert.Single(smtp.Received(), m => (m.Subject ?? "").Contains(title, StringComparison.Ordinal));
        Assert.Equal(EmailOf(Auditor("police")), received.To.Mailboxes.Single().Address);
        Assert.Equal(MailState.Sent, Assert.Single(second.Store().Mail.Find(m => (m.Subject ?? "").Contains(title))).State);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_message_that_was_being_sent_when_the_app_stopped_is_not_sent_again_but_left_unconfirmed_for_an_admin()
    {
        using var smtp = new LoopbackSmtp();
        await smtp.StartAsync();
        var folder = Directory.CreateTempSubdirectory("caseaudit-email-crash-").FullName;
        var dataFile = Path.Combine(folder, "caseaudit.db");
        using (var first = DemoApp(new() { ["CaseAudit:Email:Smtp:Host"] = "127.0.0.1", ["CaseAudit:Email:Smtp:Port"] = "9", ["CaseAudit:Email:Smtp:Security"] = "None",
                   ["CaseAudit:Email:From"] = "caseaudit@partnership.example", ["CaseAudit:Email:SiteUrl"] = Site, ["CaseAudit:Email:PollSeconds"] = "3600" }, dataFile))
        {
            await first.StartNewRoundAsync("police");
            // As a process killed between handing the message over and recording that it went leaves it.
            await first.Services.GetRequiredService<CaseAudit.Web.Data.Writer>().WriteAsync(change =>
            {
                var mail = change.Store.Mail.FindAll().Single(m => m.Kind == EmailKind.ReturnsToGrade);
                mail.State = MailState.Sending;
                mail.Via = $"127.0.0.1:{smtp.Port}";
                change.Store.Mail.Update(mail);
            });
        }

        using var second = DemoApp(smtp.Settings(), dataFile);
        await second.MailPassAsync();
        var left = second.Store().Mail.FindAll().Single(m => m.Kind == EmailKind.ReturnsToGrade);
        Assert.Equal(MailState.Unconfirmed, left.State);
        Assert.Contains("may or may not have gone", left.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(smtp.Received(), m => m.Headers["X-CaseAudit-Kind"] == nameof(EmailKind.ReturnsToGrade));
        Assert.Contains(second.Store().AuditEntries.FindAll(), e => e.Type == "mail.unconfirmed" && e.Subject == $"mail:{left.Id}");
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_person_whose_address_cannot_be_read_gets_a_failed_message_with_the_reason_and_nobody_else_is_held_up()
    {
        using var smtp = new LoopbackSmtp();
        await smtp.StartAsync();
        using var app = DemoApp(smtp.Settings());
        await app.Services.GetRequiredService<CaseAudit.Web.Data.Writer>().WriteAsync(change =>
        {
            var user = change.Store.Users.FindOne(u => u.UserName == Auditor("police"));
            user.Email = "pat police at northshire";
            change.Store.Users.Update(user);
        });

        var round = await app.StartNewRoundAsync("police", "health");
        await app.MailPassAsync();
        var failed = app.Store().Mail.FindOne(m => m.RoundId == round.Id && m.To == "pat police at northshire");
        Assert.Equal(MailState.Failed, failed.State);
        Assert.Contains("is not an email address", failed.LastError, StringComparison.Ordinal);
        Assert.Single(smtp.Received(), m => (m.Subject ?? "").Contains(round.Title, StringComparison.Ordinal));
        Assert.Contains(app.Store().AuditEntries.FindAll(), e => e.Type == "mail.failed" && e.Subject == $"mail:{failed.Id}");
    }

    [Fact]
    public async Task A_temporary_refusal_is_tried_again_after_the_backoff_and_a_permanent_one_fails_at_once_with_the_servers_words()
    {
        using var smtp = new LoopbackSmtp(refusing: true);
        await smtp.StartAsync();
        using var app = DemoApp(smtp.Settings());
        await app.Services.GetRequiredService<CaseAudit.Web.Data.Writer>().WriteAsync(change =>
        {
            foreach (var (agency, address) in new[] { ("police", "busy-police@northshire.example"), ("health", "unknown-health@northshire.example") })
            {
                var user = change.Store.Users.FindOne(u => u.UserName == Auditor(agency));
                user.Email = address;
                change.Store.Users.Update(user);
            }
        });

        var round = await app.StartNewRoundAsync("police", "health", "education");
        await app.MailPassAsync();
        var mail = app.Store().Mail.Find(m => m.RoundId == round.Id).ToDictionary(m => m.To);
        Assert.Equal(MailState.Queued, mail["busy-police@northshire.example"].State);
        Assert.Contains("451", mail["busy-police@northshire.example"].LastError, StringComparison.Ordinal);
        Assert.Equal(MailState.Failed, mail["unknown-health@northshire.example"].State);
        Assert.Contains("550", mail["unknown-health@northshire.example"].LastError, StringComparison.Ordinal);
        Assert.Equal(MailState.Sent, mail[EmailOf(Auditor("education"))].State);

        app.Clock.Offset += MailSender.Backoff(1);
        await app.MailPassAsync();
        app.Clock.Offset += TimeSpan.FromHours(2);
        await app.MailPassAsync();
        mail = app.Store().Mail.Find(m => m.RoundId == round.Id).ToDictionary(m => m.To);
        Assert.Equal(MailState.Sent, mail["busy-police@northshire.example"].State);
        Assert.Equal(2, mail["busy-police@northshire.example"].Attempts);
        Assert.Equal(MailState.Failed, mail["unknown-health@northshire.example"].State);
        Assert.Equal(1, mail["unknown-health@northshire.example"].Attempts);
        Assert.Equal(
            new[] { "busy-police@northshire.example", EmailOf(Auditor("education")) }.Order(),
            smtp.Received().Where(m => (m.Subject ?? "").Contains(round.Title, StringComparison.Ordinal)).Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.Contains(app.Store().AuditEntries.Find(e => e.Type == "mail.failed"), e => e.Subject == $"mail:{mail["unknown-health@northshire.example"].Id}" && e.Summary.Contains("550", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_round_title_with_line_breaks_cannot_add_headers_or_recipients_to_an_email()
    {
        using var smtp = new LoopbackSmtp();
        await smtp.StartAsync();
        using var app = DemoApp(smtp.Settings());
        var round = await app.StartNewRoundAsync("police");
        await app.Services.GetRequiredService<CaseAudit.Web.Data.Writer>().WriteAsync(change =>
        {
            // As a crafted save might leave it: the title is only ever text.
            var stored = change.Store.Rounds.FindById(round.Id);
            stored.Title = "Neglect\r\nBcc: attacker@evil.example\r\nX-Injected: yes";
            change.Store.Rounds.Update(stored);
        });
        // Seven days before its deadline: a reminder whose subject carries the title.
        app.Clock.SetUk(round.GradingDeadline.AddDays(-7));
        await app.MailPassAsync();

        var message = Assert.Single(smtp.Received(), m => m.Headers["X-CaseAudit-Kind"] == nameof(EmailKind.DeadlineReminder));
        Assert.StartsWith("Reminder: 2 returns for Neglect", message.Subject, StringComparison.Ordinal);
        Assert.Empty(message.Bcc);
        Assert.Equal([EmailOf(Auditor("police"))], message.To.Mailboxes.Select(m => m.Address));
        Assert.False(message.Headers.Contains("X-Injected"));
        Assert.DoesNotContain(smtp.Received(), m => m.To.Mailboxes.Concat(m.Cc.Mailboxes).Any(a => a.Address.Contains("evil", StringComparison.Ordinal)));
        Assert.Contains("Bcc: attacker@evil.example", message.TextBody, StringComparison.Ordinal);
    }

    private static void AssertWellFormed(IReadOnlyList<MimeMessage> messages, string from = "caseaudit@partnership.example")
    {
        Assert.NotEmpty(messages);
        foreach (var message in messages)
        {
            Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
            Assert.False(string.IsNullOrWhiteSpace(message.TextBody), message.Subject);
            Assert.False(string.IsNullOrWhiteSpace(message.HtmlBody), message.Subject);
            Assert.Contains("You get this because", message.TextBody, StringComparison.Ordinal);
            Assert.Contains("<html lang=\"en-GB\">", message.HtmlBody, StringComparison.Ordinal);
            Assert.Equal(from, message.From.Mailboxes.Single().Address);
        }
    }

    /// No evidence, concern, follow-up, rationale or case action text in any subject or body.
    private static void AssertNothingChildLevel(CaseAuditApp app, IReadOnlyList<MimeMessage> messages)
    {
        var texts = app.ChildLevelTexts();
        foreach (var message in messages)
        {
            var words = message.Subject + "\n" + message.TextBody + "\n" + WebUtility.HtmlDecode(message.HtmlBody);
            var found = texts.FirstOrDefault(t => words.Contains(t, StringComparison.OrdinalIgnoreCase));
            Assert.True(found is null, $"\"{message.Subject}\" carries child-level text: {found}");
        }
    }

    /// Each message the server holds has its mail.sent audit entry: to whom, what kind, which
    /// round, and nothing of the body.
    private static void AssertEachSendAudited(CaseAuditApp app, IReadOnlyList<MimeMessage> received)
    {
        var sent = app.Store().AuditEntries.Find(e => e.Type == "mail.sent").ToList();
        Assert.Equal(received.Count, sent.Count);
        var mail = app.Store().Mail.FindAll().ToDictionary(m => $"mail:{m.Id}");
        foreach (var entry in sent)
        {
            var queued = mail[entry.Subject!];
            Assert.Contains(queued.To, entry.Summary, StringComparison.Ordinal);
            Assert.Contains($"\"kind\":\"{queued.Kind}\"", entry.After, StringComparison.Ordinal);
            Assert.DoesNotContain("Dear ", entry.Summary + entry.After, StringComparison.Ordinal);
            Assert.DoesNotContain(queued.Subject, entry.Summary + entry.After, StringComparison.Ordinal);
        }
    }
}

internal static class Quantity
{
    public static string ToQuantityText(this string word, int n) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
