using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Pages.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Account;

public sealed class SignInTests
{
    private static IReadOnlyList<AuditEntry> Trail(CaseAuditApp app, string type) =>
        app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = type, Take = 100 });

    [Fact]
    public async Task A_correct_password_signs_in_and_returns_to_the_page_asked_for()
    {
        await using var app = new CaseAuditApp();
        var user = await app.CreateUserAsync("pat.police", [Roles.Auditor]);
        var client = app.CreateClient();

        var challenge = await client.GetAsync("/templates");
        Assert.Equal("/sign-in?returnUrl=%2Ftemplates", challenge.Headers.Location!.PathAndQuery);

        var response = await client.PostSignInAsync("pat.police", TestUsers.Password, "/templates");

        Assert.Equal("/templates", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/templates")).StatusCode);
        var entry = Assert.Single(Trail(app, "sign-in.succeeded"));
        Assert.Equal(("pat.police", user.Id), (entry.ActorName, entry.ActorId));
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task A_return_address_off_the_site_is_ignored(string returnUrl)
    {
        await using var app = new CaseAuditApp();
        await app.CreateUserAsync("pat.police", [Roles.Auditor]);

        var response = await app.CreateClient().PostSignInAsync("pat.police", TestUsers.Password, returnUrl);

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_message_and_are_audited()
    {
        await using var app = new CaseAuditApp();
        await app.CreateUserAsync("pat.police", [Roles.Auditor]);
        var client = app.CreateClient();

        var wrong = await (await client.PostSignInAsync("pat.police", "not the password at all")).ReadDocumentAsync();
        var unknown = await (await client.PostSignInAsync("nobody.here", "not the password at all")).ReadDocumentAsync();

        Assert.Equal(SignInModel.Failure, wrong.QuerySelector(".govuk-error-summary__list a")!.TextContent.Trim());
        Assert.Equal(SignInModel.Failure, unknown.QuerySelector(".govuk-error-summary__list a")!.TextContent.Trim());
        Assert.Equal("pat.police", wrong.QuerySelector<IHtmlInputElement>("#Input_UserName")!.Value);
        Assert.Equal("", wrong.QuerySelector<IHtmlInputElement>("#Input_Password")!.Value);
        var failures = Trail(app, "sign-in.failed");
        Assert.Contains(failures, e => e.ActorName == "pat.police" && e.Summary.Contains("wrong password"));
        Assert.Contains(failures, e => e.ActorName == "nobody.here" && e.ActorId is null && e.Summary.Contains("no such user"));
    }

    [Fact]
    public async Task Sixth_attempt_finds_the_account_locked_even_with_the_right_password()
    {
        await using var app = new CaseAuditApp();
        await app.CreateUserAsync("pat.police", [Roles.Auditor]);
        var client = app.CreateClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostSignInAsync("pat.police", $"wrong password {attempt}")).StatusCode);
        }

        var sixth = await client.PostSignInAsync("pat.police", TestUsers.Password);

        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Equal(SignInModel.Failure, (await sixth.ReadDocumentAsync()).QuerySelector(".govuk-error-summary__list a")!.TextContent.Trim());
        Assert.Single(Trail(app, "account.locked-out"));
        Assert.Contains(Trail(app, "sign-in.failed"), e => e.Summary.Contains("account locked"));
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CaseAuditUser>>();
        var end = await users.GetLockoutEndDateAsync((await users.FindByNameAsync("pat.police"))!);
        Assert.InRange(end!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task A_deactivated_person_cannot_sign_in()
    {
        await using var app = new CaseAuditApp();
        var user = await app.CreateUserAsync("pat.police", [Roles.Auditor]);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CaseAuditUser>>();
            var stored = (await users.FindByIdAsync(user.Id))!;
            stored.Active = false;
            await users.UpdateAsync(stored);
        }

        var response = await app.CreateClient().PostSignInAsync("pat.police", TestUsers.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Trail(app, "sign-in.failed"), e => e.Summary.Contains("deactivated"));
    }

    [Fact]
    public async Task Sign_out_is_a_post_that_ends_the_session()
    {
        await using var app = new CaseAuditApp();
        var client = await app.SignedInAsAsync(Roles.Auditor);
        var form = (await client.GetDocumentAsync("/sign-out")).QuerySelector<IHtmlFormElement>("main form")!;

        var response = await client.SubmitAsync(form);

        Assert.Equal("/sign-in?signedOut=True", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/templates")).StatusCode);
        Assert.Single(Trail(app, "sign-out"));
    }

    [Fact]
    public async Task Sign_in_posts_from_one_client_are_rate_limited()
    {
        await using var app = new CaseAuditApp(settings: new() { ["CaseAudit:SignInAttemptsPerClientPerMinute"] = "10" });
        await app.CreateUserAsync("pat.police", [Roles.Auditor]);
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 11; i++)
        {
            statuses.Add((await client.PostSignInAsync($"guess{i}", "guessing password")).StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }
}
