using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Tests.Pages.Admin;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Operations;

public sealed class BackupPageTests
{
    [Fact]
    public async Task An_admin_downloads_a_backup_that_opens_with_every_agency_and_the_backup_is_in_the_audit_trail()
    {
        var (app, admin, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        app.AddAgency("police", "Northshire Police", "Police");
        var page = await admin.GetDocumentAsync("/admin/backup");
        Assert.Equal("None yet", page.QuerySelector("#last-backup")!.TextContent.Trim());
        Assert.Contains("Off", page.QuerySelector("#nightly")!.TextContent);

        var response = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#make-backup")!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fileName = response.Content.Headers.ContentDisposition!.FileName!.Trim('"');
        Assert.Matches(@"^caseaudit-\d{8}-\d{6}\.db$", fileName);
        var downloaded = Path.Combine(app.TempFolder, "downloaded.db");
        await File.WriteAllBytesAsync(downloaded, await response.Content.ReadAsByteArrayAsync());
        Assert.Null(Backup.Inspect(downloaded, out _));
        using (var copy = new CaseAuditStore(downloaded, readOnly: true))
        {
            Assert.Equal("Northshire Police", copy.Agencies.FindById("police").Name);
            Assert.True(AuditTrail.Verify(AuditTrail.All(copy)).Ok);
        }

        var entry = Assert.Single(app.Trail("backup.made"));
        Assert.Equal("ada.admin", entry.ActorName);
        Assert.Contains(fileName, entry.Summary);
        Assert.DoesNotContain("Northshire", entry.After);
        var after = await admin.GetDocumentAsync("/admin/backup");
        Assert.Contains(fileName, after.QuerySelector("#last-backup")!.TextContent);
        Assert.True(File.Exists(Path.Combine(app.TempFolder, "backups", fileName + ".json")));
    }

    [Fact]
    public async Task A_backup_that_cannot_be_written_says_why_on_the_page_and_stays_shown_as_the_last_failure()
    {
        var folder = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var notAFolder = Path.Combine(folder, "backups");
        File.WriteAllText(notAFolder, "a file where the folder should be");
        await using var app = new CaseAuditApp(settings: new() { ["CaseAudit:Backups:Folder"] = notAFolder });
        var admin = await app.AddAdminAsync();
        var client = await app.SignInAsAsync(admin.UserName);
        var page = await client.GetDocumentAsync("/admin/backup");

        var response = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#make-backup")!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await response.ReadDocumentAsync();
        Assert.Contains("The backup could not be made", shown.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Contains("Could not write the backup", shown.QuerySelector("#backup .govuk-error-message")!.TextContent);
        Assert.Contains("Could not write the backup", (await client.GetDocumentAsync("/admin/backup")).QuerySelector("#last-failure")!.TextContent);
        Assert.Empty(app.Trail("backup.made"));
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.Board)]
    public async Task Other_roles_are_refused_the_backup_page_on_get_and_post(string role)
    {
        await using var app = new CaseAuditApp();
        var client = await app.SignedInAsAsync(role);
        var token = (await client.GetDocumentAsync("/account")).QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")?.Value ?? "";

        var get = await client.GetAsync("/admin/backup");
        var post = await client.PostAsync("/admin/backup", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Empty(app.Trail("backup.made"));
        Assert.False(Directory.Exists(Path.Combine(app.TempFolder, "backups")));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_makes_no_backup()
    {
        var (app, admin, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;

        var post = await admin.PostAsync("/admin/backup", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Empty(app.Trail("backup.made"));
        Assert.False(Directory.Exists(Path.Combine(app.TempFolder, "backups")));
    }

    [Fact]
    public async Task Health_reports_the_last_backup_once_one_is_made()
    {
        await using var app = new CaseAuditApp();
        var client = app.CreateClient();
        var before = await client.GetStringAsync("/health");
        var manifest = await Backup.MakeAsync(app.Services.GetRequiredService<Writer>(), Path.Combine(app.TempFolder, "backups", "caseaudit-20261204-010000.db"), app.Clock);
        app.Services.GetRequiredService<BackupStatus>().Made(manifest.MadeAt, "caseaudit-20261204-010000.db");

        var after = await client.GetStringAsync("/health");

        Assert.Contains("lastBackup: none", before);
        Assert.StartsWith("ok", after);
        Assert.Contains($"lastBackup: {manifest.MadeAt:yyyy-MM-ddTHH:mm:ssZ}", after);
    }
}
