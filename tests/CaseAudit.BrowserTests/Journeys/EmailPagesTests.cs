using CaseAudit.BrowserTests.Pages;
using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Journeys;

/// The email pages in a real browser, on the demo with no SMTP settings (so its emails go to the
/// outbox): an auditor raises a concern and turns off a kind of email, the Coordinator chooses a
/// round's reminders, the Admin reads the alert in the outbox and sends a test message. Every
/// state, errors included, gets the journey's checks (axe WCAG 2.2 AA, names, reflow).
[Collection(BrowserCollection.Name)]
public sealed class EmailPagesTests(Chromium chromium)
{
    [Fact]
    public async Task Choosing_emails_setting_reminders_and_reading_the_outbox_pass_the_checks_in_every_state()
    {
        await using var app = await ServedCaseAudit.StartAsync(settings: new Dictionary<string, string>
        {
            ["CaseAudit__RequireMfa"] = "false",
            ["CaseAudit__Email__PollSeconds"] = "1",
        });
        await Journey.RunAsync(chromium, app, async journey =>
        {
            // The auditor raises an immediate concern from one of their returns.
            var auditor = await journey.PersonAsync("demo.auditor.police");
            await SignInPage.SignInAsDemoAsync(journey, auditor, "demo.auditor.police");
            await auditor.GotoAsync("/returns");
            await journey.CheckAsync(auditor, "My returns");
            var returnLink = await auditor.Locator("main a[href^='/returns/']").First.GetAttributeAsync("href");
            await auditor.GotoAsync($"{returnLink}/concern");
            await journey.CheckAsync(auditor, "Raise a concern");
            await auditor.GetByLabel("What did you find in the records?").FillAsync("The records show a visit was missed and not followed up.");
            await auditor.GetByLabel("What have you done about it?").FillAsync("Told the allocated social worker by phone.");
            await auditor.GetByRole(AriaRole.Button, new() { Name = "Raise the concern" }).ClickAsync();
            await Assertions.Expect(auditor.Locator(".govuk-notification-banner")).ToContainTextAsync("The concern is recorded");
            await journey.CheckAsync(auditor, "The case, the concern raised");

            // ...and turns off deadline reminders.
            await auditor.GotoAsync("/account/emails");
            await Assertions.Expect(auditor.GetByRole(AriaRole.Heading, new() { Name = "Your emails", Level = 1 })).ToBeVisibleAsync();
            await journey.CheckAsync(auditor, "Your emails, an auditor");
            await auditor.GetByLabel("Deadline reminders").UncheckAsync();
            await auditor.GetByRole(AriaRole.Button, new() { Name = "Save your emails" }).ClickAsync();
            await Assertions.Expect(auditor.Locator(".govuk-notification-banner")).ToContainTextAsync("Your email choices are saved.");
            await Assertions.Expect(auditor.Locator("main")).ToContainTextAsync("4 of 5 on");
            await journey.CheckAsync(auditor, "Your account, emails saved");

            // The Coordinator cannot turn off concern alerts, and sets the round's reminders.
            var coordinator = await journey.PersonAsync("demo.coordinator");
            await SignInPage.SignInAsDemoAsync(journey, coordinator, "demo.coordinator");
            await coordinator.GotoAsync("/account/emails");
            await Assertions.Expect(coordinator.Locator("main")).ToContainTextAsync("You always get immediate safeguarding concern alerts");
            await journey.CheckAsync(coordinator, "Your emails, a Coordinator");
            await coordinator.GotoAsync("/rounds/demo-r2/emails");
            await journey.CheckAsync(coordinator, "A round's emails");
            await coordinator.GetByLabel("Days before the deadline").FillAsync("7, 0");
            await coordinator.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            await Assertions.Expect(coordinator.Locator(".govuk-error-summary")).ToBeVisibleAsync();
            await Assertions.Expect(coordinator.GetByLabel("Days before the deadline")).ToHaveValueAsync("7, 0");
            await journey.CheckAsync(coordinator, "A round's emails, with an error");
            await coordinator.GetByLabel("Days before the deadline").FillAsync("10, 3, 1");
            await coordinator.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            await Assertions.Expect(coordinator.GetByLabel("Days before the deadline")).ToHaveValueAsync("10, 3, 1");
            await Assertions.Expect(coordinator.Locator("main")).ToContainTextAsync("Immediate safeguarding concerns");
            await journey.CheckAsync(coordinator, "A round's emails, saved, with the concern alert listed");

            // The Admin reads the alert as it would arrive, and checks the settings with a test message.
            var admin = await journey.PersonAsync("demo.admin");
            await SignInPage.SignInAsDemoAsync(journey, admin, "demo.admin");
            await admin.GotoAsync("/admin");
            await journey.CheckAsync(admin, "Admin");
            await admin.GetByRole(AriaRole.Link, new() { Name = "Outbox" }).ClickAsync();
            await Assertions.Expect(admin.Locator("#where-emails-go")).ToContainTextAsync("No SMTP server is set");
            var alert = admin.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Immediate safeguarding concern raised on case") });
            await Assertions.Expect(alert).ToBeVisibleAsync();
            await journey.CheckAsync(admin, "Admin → Outbox");
            await alert.ClickAsync();
            await Assertions.Expect(admin.Locator("main")).ToContainTextAsync("Dear Chris Coordinator (QA lead)");
            await journey.CheckAsync(admin, "An email in the outbox");

            await admin.GotoAsync("/admin/outbox");
            await journey.CheckAsync(admin, "Admin → Outbox, again");
            await admin.GetByLabel("Email address").FillAsync("not an address");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Send a test message" }).ClickAsync();
            await Assertions.Expect(admin.Locator(".govuk-error-summary")).ToBeVisibleAsync();
            await Assertions.Expect(admin.GetByLabel("Email address")).ToHaveValueAsync("not an address");
            await journey.CheckAsync(admin, "Admin → Outbox, a test message to a wrong address");
            await admin.GetByLabel("Email address").FillAsync("it.team@northshire.example");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Send a test message" }).ClickAsync();
            await Assertions.Expect(admin.Locator(".govuk-notification-banner")).ToContainTextAsync("written to the outbox");
            await journey.CheckAsync(admin, "Admin → Outbox, a test message sent");
        });
    }
}
