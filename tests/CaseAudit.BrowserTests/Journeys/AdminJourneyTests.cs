using CaseAudit.BrowserTests.Pages;
using CaseAudit.BrowserTests.Pages.Account;
using CaseAudit.BrowserTests.Pages.Admin;
using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Journeys;

/// A new installation in Production behind a TLS-terminating proxy on the same machine (the
/// browser sends the proxy's X-Forwarded-Proto, as the README describes): the first Admin is
/// created at /setup, sets up an authenticator, adds a board member; the board member's first
/// sign-in and export are in the audit trail.
[Collection(BrowserCollection.Name)]
public sealed class AdminJourneyTests(Chromium chromium)
{
    private static readonly Dictionary<string, string> BehindTheProxy = new() { ["X-Forwarded-Proto"] = "https" };

    [Fact]
    public async Task The_first_admin_sets_up_an_empty_installation_adds_a_person_and_sees_their_sign_in_and_export_in_the_audit_trail()
    {
        await using var app = await ServedCaseAudit.StartAsync("Production");
        await Journey.RunAsync(chromium, app, async journey =>
        {
            var admin = await journey.PersonAsync("the first admin", headers: BehindTheProxy);
            var setup = await SetupPage.ArriveAsync(journey, admin);
            await setup.SubmitAsync("", "", "", "");
            await Assertions.Expect(setup.ErrorSummary).ToBeVisibleAsync();
            await Assertions.Expect(setup.ErrorSummary.GetByRole(AriaRole.Link, new() { Name = "Enter a user name" })).ToBeVisibleAsync();
            await journey.CheckAsync(admin, "Set up CaseAudit, with errors");

            var authenticator = await setup.CreateAdministratorAsync("r.admin", "Robin Admin", "lantern-orchard-seventy-two");

            // Only Secure, host-only __Host- cookies, though the browser spoke plain http to the
            // loopback address (Chromium counts 127.0.0.1 as a secure context).
            var cookies = await admin.Context.CookiesAsync();
            Assert.Contains(cookies, c => c.Name == "__Host-CaseAudit");
            Assert.All(cookies, c =>
            {
                Assert.StartsWith("__Host-", c.Name);
                Assert.True(c.Secure, $"{c.Name} is not Secure.");
                Assert.True(c.HttpOnly, $"{c.Name} is readable by script.");
                Assert.Equal("/", c.Path);
                Assert.False(c.Domain.StartsWith('.'), $"{c.Name} is sent to subdomains of {c.Domain}.");
            });

            await authenticator.EnterCodeAsync(AuthenticatorPage.CodeNow(await authenticator.KeyAsync()));
            var codes = await authenticator.ExpectRecoveryCodesAsync();
            Assert.NotEmpty(codes);
            await authenticator.ContinueAsync();

            var users = await UsersPage.OpenFromNavigationAsync(journey, admin);
            var newUser = await users.AddAUserAsync();
            users = await newUser.AddAsync("b.member", "Bea Member", "Board", "temporary-harbour-crossing-9");
            await Assertions.Expect(users.Done).ToBeVisibleAsync();
            await Assertions.Expect(users.Person("Bea Member")).ToBeVisibleAsync();

            // The board member's first sign-in, a new password, and a partnership export.
            var member = await journey.PersonAsync("b.member", headers: BehindTheProxy);
            var signIn = await SignInPage.OpenAsync(journey, member);
            await signIn.SignInAsync("b.member", "temporary-harbour-crossing-9");
            var change = await ChangePasswordPage.ArriveAsync(journey, member);
            await change.ChangeAsync("temporary-harbour-crossing-9", "quiet-meadow-lighthouse-314");
            await member.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Exports" }).ClickAsync();
            await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await journey.CheckAsync(member, "Exports, as a board member");
            var download = await member.RunAndWaitForDownloadAsync(() =>
                member.GetByRole(AriaRole.Link, new() { Name = "Download the gradings without evidence (the board's copy, .xlsx)" }).ClickAsync());
            Assert.EndsWith(".xlsx", download.SuggestedFilename);
            Assert.Null(await download.FailureAsync());

            // The Admin sees both in the audit trail, and downloading the trail is itself recorded.
            var trail = await AuditTrailPage.OpenAsync(journey, admin, "Audit trail");
            var entries = await trail.EntriesAsync(); // who is the user name
            Assert.Contains(entries, e => e[1] == "b.member" && e[2] == "sign-in.succeeded");
            Assert.Contains(entries, e => e[1] == "b.member" && e[2] == "export.partnership");
            Assert.Contains(entries, e => e[1] == "r.admin" && e[2] == "user.created" && e[3].Contains("b.member", StringComparison.Ordinal));
            var csv = await trail.DownloadCsvAsync();
            Assert.Contains("export.partnership", csv);
            trail = await AuditTrailPage.OpenAsync(journey, admin, "Audit trail, after downloading it");
            Assert.Contains(await trail.EntriesAsync(), e => e[1] == "r.admin" && e[2] == "audit.exported");
        });
    }
}
