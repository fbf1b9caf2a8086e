using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Security;

/// Each role against each page, by crafted GET and POST requests (a valid antiforgery token,
/// so a refusal can only come from authorisation), not by following links.
public sealed class RolePageMatrixTests
{
    private static readonly string[] Everyone = [Roles.Admin, Roles.Coordinator, Roles.Auditor, Roles.Board];

    // Route pattern -> a concrete address and the roles that may use it. Every signed-in page
    // must have a row: the completeness test below fails when a new page has none.
    private static readonly Dictionary<string, (string Url, string[] Allowed)> Matrix = new()
    {
        [""] = ("/", Everyone),
        ["Index"] = ("/Index", Everyone),
        ["templates"] = ("/templates", Everyone),
        ["templates/{id}/{handler?}"] = ("/templates/supervision", Everyone),
        ["templates/upload"] = ("/templates/upload", [Roles.Coordinator]),
        ["account"] = ("/account", Everyone),
        ["account/change-password"] = ("/account/change-password", Everyone),
        ["account/authenticator"] = ("/account/authenticator", Everyone),
        ["account/emails"] = ("/account/emails", Everyone),
        ["sign-out"] = ("/sign-out", Everyone),
        ["admin"] = ("/admin", [Roles.Admin]),
        ["admin/users"] = ("/admin/users", [Roles.Admin]),
        ["admin/users/new"] = ("/admin/users/new", [Roles.Admin]),
        ["admin/users/{id}"] = ("/admin/users/{user}", [Roles.Admin]),
        ["admin/agencies"] = ("/admin/agencies", [Roles.Admin]),
        ["admin/agencies/{id}"] = ("/admin/agencies/police", [Roles.Admin]),
        ["admin/audit/{handler?}"] = ("/admin/audit", [Roles.Admin]),
        ["admin/backup"] = ("/admin/backup", [Roles.Admin]),
        ["admin/outbox"] = ("/admin/outbox", [Roles.Admin]),
        ["admin/outbox/{id}"] = ("/admin/outbox/no-such-email", [Roles.Admin]),
        ["admin/retention"] = ("/admin/retention", [Roles.Admin]),
        // The fixture round is in Grading: the Admin is told it cannot be deleted, and a POST is refused.
        ["admin/rounds/{id}/delete"] = ("/admin/rounds/{round}/delete", [Roles.Admin]),
        ["rounds"] = ("/rounds", [Roles.Coordinator]),
        ["rounds/new"] = ("/rounds/new", [Roles.Coordinator]),
        ["rounds/{id}"] = ("/rounds/{round}", [Roles.Coordinator]),
        ["rounds/{id}/edit"] = ("/rounds/{draft}/edit", [Roles.Coordinator]),
        ["rounds/{id}/cases/new"] = ("/rounds/{draft}/cases/new", [Roles.Coordinator]),
        ["rounds/{id}/cases/{caseId}/edit"] = ("/rounds/{draft}/cases/{draftcase}/edit", [Roles.Coordinator]),
        ["rounds/{id}/cases/{caseId}/remove"] = ("/rounds/{draft}/cases/{draftcase}/remove", [Roles.Coordinator]),
        ["rounds/{id}/import/{handler?}"] = ("/rounds/{draft}/import", [Roles.Coordinator]),
        ["rounds/{id}/draw"] = ("/rounds/{draft}/draw", [Roles.Coordinator]),
        ["rounds/{id}/findings"] = ("/rounds/{round}/findings", [Roles.Coordinator]),
        // The POST carries no version, so it is refused as stale and moves nothing.
        ["rounds/{id}/move"] = ("/rounds/{round}/move?to=Panel", [Roles.Coordinator]),
        ["cases/{reference}"] = ("/cases/NS-2026-001", [Roles.Coordinator]),
        ["rounds/{id}/learning"] = ("/rounds/{round}/learning", [Roles.Coordinator]),
        ["rounds/{id}/concerns/{concernId}"] = ("/rounds/{round}/concerns/{concern}", [Roles.Coordinator]),
        ["rounds/{id}/returns/{returnId}"] = ("/rounds/{round}/returns/{return}", [Roles.Coordinator]),
        ["rounds/{id}/panel"] = ("/rounds/{round}/panel", [Roles.Coordinator]),
        ["rounds/{id}/emails"] = ("/rounds/{round}/emails", [Roles.Coordinator]),
        // Also open to the round's panel members (tested in ModerationAccessTests); no one here is one.
        ["rounds/{id}/moderation"] = ("/rounds/{round}/moderation", [Roles.Coordinator]),
        ["rounds/{id}/moderation/{caseId}"] = ("/rounds/{round}/moderation/{case}", [Roles.Coordinator]),
        ["board"] = ("/board", [Roles.Board]),
        ["exports"] = ("/exports", [Roles.Coordinator, Roles.Board]),
        // The fixture round is in Grading, so the Board gets 404 here (tested in BoardPagesTests);
        // these rows prove everyone else is refused.
        ["board/rounds/{id}"] = ("/board/rounds/{round}", [Roles.Board]),
        ["board/rounds/{id}/briefing"] = ("/board/rounds/{round}/briefing", [Roles.Board]),
        ["rounds/{id}/actions"] = ("/rounds/{round}/actions", [Roles.Coordinator]),
        ["rounds/{id}/actions/new"] = ("/rounds/{round}/actions/new", [Roles.Coordinator]),
        ["rounds/{id}/actions/upload"] = ("/rounds/{round}/actions/upload", [Roles.Coordinator]),
        ["rounds/{id}/actions/{actionId}"] = ("/rounds/{round}/actions/{action}", [Roles.Coordinator]),
        ["rounds/{id}/case-actions"] = ("/rounds/{round}/case-actions", [Roles.Coordinator]),
        ["case-actions"] = ("/case-actions", [Roles.Auditor]),
        ["returns"] = ("/returns", [Roles.Auditor]),
        ["returns/{id}"] = ("/returns/{return}", [Roles.Auditor]),
        ["returns/{id}/sections/{sectionId}"] = ("/returns/{return}/sections/regular-reflective-supervision", [Roles.Auditor]),
        ["returns/{id}/overall"] = ("/returns/{return}/overall", [Roles.Auditor]),
        ["returns/{id}/check"] = ("/returns/{return}/check", [Roles.Auditor]),
        ["returns/{id}/concern"] = ("/returns/{return}/concern", [Roles.Auditor]),
    };

    [Fact]
    public async Task Every_signed_in_page_has_a_row_in_the_matrix()
    {
        await using var app = new CaseAuditApp();

        var pages = EndpointProtectionTests.Endpoints(app)
            .Select(e => e.RoutePattern.RawText!.Trim('/'))
            .Where(p => !EndpointProtectionTests.Public.Contains(p))
            .Order()
            .ToList();

        Assert.Equal(pages, Matrix.Keys.Order().ToList());
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.Board)]
    public async Task Each_role_reaches_its_pages_and_is_refused_403_elsewhere(string role)
    {
        await using var app = new CaseAuditApp();
        var user = await app.CreateUserAsync($"only.{role.ToLowerInvariant()}", [role], agencyId: role == Roles.Auditor ? TestUsers.AgencyId : null);
        await app.CreateUserAsync("someone.else", [Roles.Auditor], agencyId: TestUsers.AgencyId);
        var fixture = RoundFixture.Grading(app);
        var draft = RoundFixture.Draft(app);
        var draftCase = new CaseAudit.Web.Domain.Rounds.SampledCase
        {
            RoundId = draft.Id, Reference = "NS-2026-900", AgeBand = "5–11", Level = "Universal", Categories = ["Emotional"], AgencyIds = [TestUsers.AgencyId],
        };
        app.Services.GetRequiredService<CaseAudit.Web.Data.CaseAuditStore>().Cases.Insert(draftCase);
        var planAction = RoundFixture.PlanAction(app, fixture.Round);
        var client = await app.SignInAsync(user);
        var token = (await client.GetDocumentAsync("/sign-out")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var failures = new List<string>();

        foreach (var (pattern, (template, allowed)) in Matrix)
        {
            var url = template.Replace("{user}", user.Id).Replace("{round}", fixture.Round.Id).Replace("{draft}", draft.Id).Replace("{draftcase}", draftCase.Id)
                .Replace("{return}", fixture.PoliceReturn.Id).Replace("{concern}", fixture.Concern.Id)
                .Replace("{case}", fixture.Case.Id).Replace("{action}", planAction.Id);
            var mayUse = allowed.Contains(role);

            var get = await client.GetAsync(url);
            if ((int)get.StatusCode >= 500 || (mayUse ? get.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect : get.StatusCode != HttpStatusCode.Forbidden))
            {
                failures.Add($"GET {url}: {(int)get.StatusCode} {get.Headers.Location}");
            }

            if (mayUse && pattern == "sign-out")
            {
                continue; // a successful POST would end this client's session; tested on its own
            }

            var post = await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            // A page with nothing to post to answers 405 (Method Not Allowed), never a server error.
            if ((int)post.StatusCode >= 500 || (mayUse ? post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest : post.StatusCode != HttpStatusCode.Forbidden))
            {
                failures.Add($"POST {url}: {(int)post.StatusCode} {post.Headers.Location}");
            }
        }

        Assert.True(failures.Count == 0, $"{role}:\n" + string.Join("\n", failures));
    }

    /// Found by sending the add-agency form with its fields left empty: an empty field binds as
    /// null, not "", and the page's `Input.Id.Trim()` answered 500. Every form on every page,
    /// sent by a role that may use it with each typed field emptied, gets an answer, never a
    /// server error.
    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.Board)]
    public async Task Every_form_sent_with_its_fields_empty_gets_an_answer_not_a_server_error(string role)
    {
        await using var app = new CaseAuditApp(settings: new() { ["CaseAudit:SignInAttemptsPerClientPerMinute"] = "1000", ["CaseAudit:SignInAttemptsPerAccountPerMinute"] = "1000" });
        var user = await app.CreateUserAsync($"only.{role.ToLowerInvariant()}", [role], agencyId: role == Roles.Auditor ? TestUsers.AgencyId : null);
        var fixture = RoundFixture.Grading(app);
        var draft = RoundFixture.Draft(app);
        var planAction = RoundFixture.PlanAction(app, fixture.Round);
        var failures = new List<string>();
        var sent = 0;

        foreach (var (pattern, (template, allowed)) in Matrix.Where(m => m.Value.Allowed.Contains(role) && m.Key != "sign-out"))
        {
            var url = template.Replace("{user}", user.Id).Replace("{round}", fixture.Round.Id).Replace("{draft}", draft.Id)
                .Replace("{return}", fixture.PoliceReturn.Id).Replace("{concern}", fixture.Concern.Id)
                .Replace("{case}", fixture.Case.Id).Replace("{action}", planAction.Id);
            // A fresh session per page, in case an emptied form ends the one before.
            var client = await app.SignInAsync(user);
            var get = await client.GetAsync(url);
            if (get.StatusCode != HttpStatusCode.OK || get.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var page = await get.ReadDocumentAsync();
            foreach (var form in page.QuerySelectorAll<IHtmlFormElement>("main form[method=post]").Where(f => !f.Action.Contains("sign-out")))
            {
                var empty = form.Elements.Where(e => e is IHtmlTextAreaElement || e is IHtmlInputElement { Type: "text" or "email" or "password" or "number" or "date" or "search" or "tel" })
                    .Select(e => e.GetAttribute("name")).OfType<string>().Distinct().ToDictionary(name => name, _ => "");
                if (empty.Count == 0)
                {
                    continue; // a button alone (reset the authenticator, start grading): nothing to empty
                }

                var response = await client.SubmitAsync(form, empty);
                sent++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{url} form {form.Id ?? form.Action}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(sent >= 2, $"{role} found only {sent} forms to send");
        Assert.True(failures.Count == 0, $"{role}:\n" + string.Join("\n", failures) + "\n" + string.Join("\n", app.ServerErrors));
    }

    /// Found by posting to every page: a post to a page with no such handler (one that only
    /// shows something, or a made-up "?handler=" or {handler} segment) was rendered with no
    /// handler run and answered 500. A read naming an unknown handler gets the page's own GET.
    [Theory]
    [InlineData("POST", "/account")]
    [InlineData("POST", "/templates/supervision")]
    [InlineData("GET", "/account?handler=nope")]
    [InlineData("GET", "/templates/supervision/nope")]
    [InlineData("POST", "/templates/supervision/nope")]
    public async Task A_handler_the_page_does_not_have_is_refused_not_a_server_error(string method, string url)
    {
        await using var app = new CaseAuditApp();
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var token = (await client.GetDocumentAsync("/sign-out")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var response = method == "GET"
            ? await client.GetAsync(url)
            : await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(method == "GET" ? HttpStatusCode.OK : HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
