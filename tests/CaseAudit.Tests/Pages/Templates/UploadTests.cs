using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Templates;

public sealed class UploadTests
{
    private static string Supervision => File.ReadAllText(Path.Combine(CaseAuditApp.ShippedTemplates, "supervision.yaml"));

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] content)
    {
        var page = await client.GetDocumentAsync("/templates/upload");
        var form = page.QuerySelector<IHtmlFormElement>("main form")!;
        return await client.SubmitAsync(form, files: new Dictionary<string, (string, byte[])> { ["Upload"] = (fileName, content) });
    }

    [Fact]
    public async Task A_bad_template_shows_every_problem_with_its_line_and_stores_nothing()
    {
        await using var app = new CaseAuditApp();
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var bad = Supervision
            .Replace("id: supervision", "id: supervision-2")
            .Replace("jtai: [", "jtai: [12, ")
            .Replace("good_or_better: [\"Yes\"]", "good_or_better: [\"Always\"]");

        var response = await UploadAsync(client, "supervision-2.yaml", Encoding.UTF8.GetBytes(bad));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.StartsWith("Error:", page.Title);
        var summaryLink = page.QuerySelector(".govuk-error-summary__list a")!;
        Assert.Equal("#Upload", summaryLink.GetAttribute("href"));
        Assert.Contains("problems", summaryLink.TextContent);
        Assert.NotNull(page.QuerySelector(".govuk-form-group--error #Upload"));
        var problems = page.QuerySelectorAll("#Upload-problems li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains(problems, p => p.StartsWith($"Line {LineOf(bad, "  good_or_better")}, column ", StringComparison.Ordinal) && p.Contains("'Always', which is not a scale option"));
        Assert.Contains(problems, p => p.StartsWith($"Line {LineOf(bad, "        jtai: [12")}, column ", StringComparison.Ordinal) && p.Contains("JTAI evaluation point 12 is outside 1–11"));
        Assert.Contains("Upload-problems", page.QuerySelector("#Upload")!.GetAttribute("aria-describedby"));
        Assert.Null(app.Services.GetRequiredService<CaseAuditStore>().TemplateVersions.FindById("supervision-2@1.0"));
    }

    [Fact]
    public async Task Changing_a_published_version_is_refused_with_bump_the_version()
    {
        await using var app = new CaseAuditApp();
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var changed = Supervision.Replace("SU-01", "SU-99");

        var page = await (await UploadAsync(client, "supervision.yaml", Encoding.UTF8.GetBytes(changed))).ReadDocumentAsync();

        Assert.Contains("bump the version", page.QuerySelector("#Upload-problems")!.TextContent);
        var stored = app.Services.GetRequiredService<CaseAuditStore>().TemplateVersions.FindById("supervision@1.0")!;
        Assert.Equal(Supervision, stored.Yaml);
    }

    [Theory]
    [InlineData("notes.txt", "id: x", "must be a YAML file")]
    [InlineData("empty.yaml", "", "The selected file is empty")]
    public async Task Wrong_or_empty_files_get_a_message_next_to_the_field(string fileName, string content, string message)
    {
        await using var app = new CaseAuditApp();

        var page = await (await UploadAsync(await app.SignedInAsAsync(Roles.Coordinator), fileName, Encoding.UTF8.GetBytes(content))).ReadDocumentAsync();

        Assert.Contains(message, page.QuerySelector("#Upload-error")!.TextContent);
    }

    [Fact]
    public async Task An_oversized_file_is_refused_with_the_limit()
    {
        await using var app = new CaseAuditApp();
        var huge = Encoding.UTF8.GetBytes(Supervision + "# " + new string('x', 400 * 1024));

        var page = await (await UploadAsync(await app.SignedInAsAsync(Roles.Coordinator), "huge.yaml", huge)).ReadDocumentAsync();

        Assert.Contains("smaller than 256 KiB", page.QuerySelector("#Upload-error")!.TextContent);
    }

    [Fact]
    public async Task Posting_without_a_file_asks_for_one()
    {
        await using var app = new CaseAuditApp();
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var form = (await client.GetDocumentAsync("/templates/upload")).QuerySelector<IHtmlFormElement>("main form")!;

        var page = await (await client.SubmitAsync(form)).ReadDocumentAsync();

        Assert.Equal("Select a template file", page.QuerySelector(".govuk-error-summary__list a")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_new_version_is_published_and_shown_with_its_history()
    {
        await using var app = new CaseAuditApp();
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var newer = Supervision.Replace("version: \"1.0\"", "version: \"1.1\"").Replace("SU-01", "SU-99");

        var response = await UploadAsync(client, "supervision.yaml", Encoding.UTF8.GetBytes(newer));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/templates/supervision?version=1.1", response.Headers.Location!.OriginalString);
        var page = await client.GetDocumentAsync(response.Headers.Location.OriginalString);
        Assert.Contains("Version 1.1 of Supervision and management oversight in neglect cases is published.", page.QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.NotNull(page.QuerySelector("#question-SU-99"));
        Assert.Equal(2, page.QuerySelectorAll("#version-history tbody tr").Length);
        var published = Assert.Single(app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "template.published" }), e => e.Subject == "template:supervision@1.1");
        Assert.NotNull(published.ActorId);
        Assert.StartsWith("coordinator", published.ActorName);
        var catalogue = await client.GetDocumentAsync("/templates");
        Assert.Contains(catalogue.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Supervision") && r.QuerySelectorAll("td")[1].TextContent.Trim() == "1.1");
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        await using var app = new CaseAuditApp();
        var content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(Supervision)), "Upload", "s.yaml" } };

        var response = await (await app.SignedInAsAsync(Roles.Coordinator)).PostAsync("/templates/upload", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static int LineOf(string text, string start) =>
        text.Split('\n').Select((line, i) => (line, i)).First(x => x.line.StartsWith(start, StringComparison.Ordinal)).i + 1;
}
