using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

using CaseAudit.Web.Identity;

namespace CaseAudit.Tests.Pages.Templates;

public sealed class CatalogueTests
{
    [Fact]
    public async Task The_catalogue_lists_each_template_with_theme_version_question_count_and_scale()
    {
        await using var app = new CaseAuditApp();

        var page = await (await app.SignedInAsAsync(Roles.Auditor)).GetDocumentAsync("/templates");

        var rows = page.QuerySelectorAll("table.govuk-table tbody tr").ToList();
        Assert.Equal(5, rows.Count);
        var supervision = rows.Single(r => r.QuerySelector("a")!.GetAttribute("href") == "/templates/supervision");
        var cells = supervision.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Supervision and management oversight", "1.0", "18", "Yes / Partly / No"], cells);
        Assert.Equal("Audit templates – CaseAudit", page.Title);
    }

    [Fact]
    public async Task A_template_page_shows_sections_questions_guidance_jtai_points_and_versions()
    {
        await using var app = new CaseAuditApp();

        var page = await (await app.SignedInAsAsync(Roles.Auditor)).GetDocumentAsync("/templates/jtai-neglect");

        Assert.Equal("JTAI key areas: children living with neglect", page.QuerySelector("h1")!.TextContent.Trim());
        var questions = page.QuerySelectorAll("h3[id^=question-]").ToList();
        Assert.Equal(14, questions.Count);
        var first = page.QuerySelector("#question-JT-01")!.ParentElement!;
        Assert.Contains("Risks to children living with neglect are prevented and reduced.", first.TextContent);
        Assert.Contains("Point 1", first.QuerySelector(".govuk-details__summary-text")!.TextContent);
        Assert.NotEmpty(first.QuerySelectorAll("ul.govuk-list--bullet li"));
        Assert.Contains("Kirklees", first.TextContent);
        var history = page.QuerySelector("#version-history tbody")!.QuerySelectorAll("tr");
        Assert.Equal("1.0", Assert.Single(history).QuerySelector("th")!.TextContent.Split('(')[0].Trim());
        Assert.Equal("/templates/jtai-neglect/download?version=1.0", page.QuerySelector("a[download].govuk-button")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_yaml_download_is_the_file_as_published()
    {
        await using var app = new CaseAuditApp();

        var response = await (await app.SignedInAsAsync(Roles.Auditor)).GetAsync("/templates/use-of-history/download?version=1.0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("use-of-history-1.0.yaml", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(File.ReadAllText(Path.Combine(CaseAuditApp.ShippedTemplates, "use-of-history.yaml")), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/templates/no-such-template")]
    [InlineData("/templates/supervision?version=9.9")]
    [InlineData("/templates/supervision/download?version=9.9")]
    public async Task An_unknown_template_or_version_is_a_friendly_404(string url)
    {
        await using var app = new CaseAuditApp();

        var response = await (await app.SignedInAsAsync(Roles.Auditor)).GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_layout_has_a_skip_link_header_navigation_and_footer_and_serves_govuk_frontend()
    {
        await using var app = new CaseAuditApp();
        var client = (await app.SignedInAsAsync(Roles.Auditor));

        var page = await client.GetDocumentAsync("/");

        // Themes as their templates spell them ("JTAI", not "jtai"), listed as English.
        Assert.Matches(@"covering [^.]*JTAI key areas \(neglect\)[^.]* and ", page.QuerySelector("main")!.TextContent);

        Assert.Equal("#main-content", page.QuerySelector("a.govuk-skip-link")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("main#main-content"));
        Assert.Equal("CaseAudit", page.QuerySelector(".govuk-generic-header__homepage-link")!.TextContent.Trim());
        Assert.Contains("Templates", page.QuerySelectorAll(".govuk-service-navigation__link").Select(a => a.TextContent.Trim()));
        Assert.NotNull(page.QuerySelector("footer.govuk-footer"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        foreach (var asset in page.QuerySelectorAll("link[rel=stylesheet], link[rel=icon], script[src]").Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(asset)).StatusCode);
        }

        Assert.NotNull(page.QuerySelector("link[rel=icon][href^='/favicon.svg']"));

        // The shipped GOV.UK CSS is committed, not built from npm: everything it refers to must
        // be served too, and it must not load the GDS Transport font (GOV.UK services only).
        var css = await client.GetStringAsync("/lib/govuk-frontend/govuk-frontend.min.css");
        Assert.DoesNotContain("@font-face", css);
        foreach (var url in System.Text.RegularExpressions.Regex.Matches(css, @"url\((/[^)]+)\)").Select(m => m.Groups[1].Value).Distinct())
        {
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.OK, $"{url} is referred to by the GOV.UK CSS but not served");
        }
    }
}
