using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Identity;

namespace CaseAudit.Tests.Security;

/// A form the server cannot read (a NUL in any field makes ASP.NET's form reader throw) is a bad
/// request, answered with the error page and a 400 — it used to turn the error page itself into a 500.
public sealed class UnreadableFormTests
{
    [Fact]
    public async Task A_nul_character_in_a_posted_field_is_a_400_not_a_server_error()
    {
        await using var app = new CaseAuditApp();
        // A person must exist first: on an empty data file /sign-in sends everyone to /setup.
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);
        var anonymous = app.CreateClient();
        var signIn = (await anonymous.GetDocumentAsync("/sign-in")).QuerySelector<IHtmlFormElement>("main form")!;
        var page = await coordinator.GetAsync("/rounds/new");
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{page.StatusCode} {page.Headers.Location}");
        var newRound = (await page.ReadDocumentAsync()).QuerySelector<IHtmlFormElement>("main form")!;

        var refusedSignIn = await anonymous.SubmitAsync(signIn, new Dictionary<string, string> { ["Input.UserName"] = "demo\0x", ["Input.Password"] = "x" });
        var refusedRound = await coordinator.SubmitAsync(newRound, new Dictionary<string, string> { ["Title"] = "Round\0" });

        Assert.Equal(HttpStatusCode.BadRequest, refusedSignIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refusedRound.StatusCode);
        Assert.Contains("that request could not be handled", await refusedRound.Content.ReadAsStringAsync());
    }
}
