using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Admin;

public sealed class AdminAccessTests
{
    public static TheoryData<string> AdminPages => ["/admin", "/admin/users", "/admin/users/new", "/admin/users/{sam}", "/admin/agencies", "/admin/agencies/police", "/admin/audit", "/admin/audit/download", "/admin/backup", "/admin/outbox"];

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task A_coordinator_is_refused_every_admin_page_on_get_and_post(string path)
    {
        await using var app = new CaseAuditApp();
        app.AddAgency("police", "Northshire Police", "Police");
        var sam = await app.AddUserAsync("sam.patel", [Roles.Board], displayName: "Sam Patel");
        await app.AddUserAsync("cleo.coordinator", [Roles.Coordinator], twoFactor: true);
        var client = await app.SignInAsAsync("cleo.coordinator");
        var url = path.Replace("{sam}", sam.Id);
        // A genuine antiforgery token for this user, so a refusal can only be the authorisation check.
        var token = (await client.GetDocumentAsync("/templates/upload")).QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;

        var get = await client.GetAsync(url);
        var post = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Name"] = "Hijacked",
            ["Input.ShortName"] = "Hijacked",
            ["Input.Id"] = "hijacked",
            ["Input.DisplayName"] = "Hijacked",
            ["Input.Roles"] = Roles.Admin,
            ["Input.Active"] = "true",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        Assert.Equal("Northshire Police", store.Agencies.FindById("police").Name);
        Assert.Null(store.Agencies.FindById("hijacked"));
        Assert.Equal([Roles.Board], store.Users.FindById(sam.Id).Roles);
    }

    [Fact]
    public async Task The_admin_link_shows_only_for_admins()
    {
        var (app, admin, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        await app.AddUserAsync("bo.board", [Roles.Board]);
        var board = await app.SignInAsAsync("bo.board");

        var adminHome = await admin.GetDocumentAsync("/admin/users");
        var boardHome = await board.GetDocumentAsync("/");

        var link = adminHome.QuerySelector(".govuk-service-navigation__item--active a[href='/admin']");
        Assert.NotNull(link);
        Assert.Equal("page", link.GetAttribute("aria-current"));
        Assert.Null(boardHome.QuerySelector(".govuk-service-navigation a[href='/admin']"));
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in()
    {
        await using var app = new CaseAuditApp();
        await app.AddAdminAsync();

        var response = await app.CreateHttpsClient().GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/sign-in", response.Headers.Location!.OriginalString);
    }
}
