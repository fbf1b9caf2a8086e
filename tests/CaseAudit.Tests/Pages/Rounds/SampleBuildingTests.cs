using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using ClosedXML.Excel;
using Humanizer;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Rounds;

/// Building a round's sample on its pages in any mix of adding by hand, importing and drawing
/// (issue 12), the import page's template files and how it shows a file's problems.
public sealed class SampleBuildingTests
{
    private const string Header = "Case reference,Age band,Level of intervention,Neglect categories,Agencies involved";

    private static CaseAuditStore Store(CaseAuditApp app) => app.Services.GetRequiredService<CaseAuditStore>();

    private static byte[] Csv(IEnumerable<string> references) =>
        Encoding.UTF8.GetBytes(Header + "\r\n" + string.Concat(references.Select((r, i) => $"{r},{(i % 2 == 0 ? "5-11" : "12-18")},Child in need,Emotional,{TestUsers.AgencyId}\r\n")));

    private static async Task<IHtmlFormElement> FormAsync(HttpClient client, string url) =>
        (await client.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>("main form")!;

    private static async Task<HttpResponseMessage> AddAsync(HttpClient client, Round round, string reference) =>
        await client.SubmitAsync(await FormAsync(client, $"/rounds/{round.Id}/cases/new"), new Dictionary<string, string>
        {
            ["Input.Reference"] = reference, ["Input.AgeBand"] = "0–2", ["Input.Level"] = "Early help", ["Input.Categories"] = "Physical",
            ["Input.AgencyIds"] = TestUsers.OtherAgencyId,
        });

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, Round round, IEnumerable<string> references) =>
        await client.SubmitAsync(await FormAsync(client, $"/rounds/{round.Id}/import"),
            files: new Dictionary<string, (string, byte[])> { ["Upload"] = ("sample.csv", Csv(references)) });

    private static async Task<HttpResponseMessage> DrawAsync(HttpClient client, Round round, IEnumerable<string> pool, int size) =>
        await client.SubmitAsync(await FormAsync(client, $"/rounds/{round.Id}/draw"),
            new Dictionary<string, string> { ["SampleSize"] = size.ToString(), ["Seed"] = "77" },
            new Dictionary<string, (string, byte[])> { ["Pool"] = ("pool.csv", Csv(pool)) });

    private static async Task<string> Banner(HttpClient client, Round round) =>
        (await client.GetDocumentAsync($"/rounds/{round.Id}")).QuerySelector(".govuk-notification-banner")!.TextContent;

    private static void Accepted(HttpResponseMessage response, Round round)
    {
        var why = response.StatusCode == HttpStatusCode.OK
            ? response.ReadDocumentAsync().Result.QuerySelector(".govuk-error-summary")?.TextContent.Trim()
            : response.Headers.Location?.OriginalString;
        Assert.True(response.Headers.Location?.OriginalString == $"/rounds/{round.Id}#sample", $"{(int)response.StatusCode}: {why}");
    }

    [Theory]
    [InlineData("add", "import", "draw")]
    [InlineData("draw", "import", "add")]
    [InlineData("import", "draw", "add")]
    public async Task Hand_added_imported_and_drawn_cases_mix_in_any_order_with_every_reference_once(string first, string second, string third)
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        string[] added = ["NS-H-001"];
        string[] imported = ["NS-F-001", "NS-F-002", "NS-F-003"];
        string[] pool = [.. Enumerable.Range(1, 12).Select(i => $"NS-P-0{i:00}")];
        var drawn = new List<string>();

        foreach (var step in new[] { first, second, third })
        {
            if (step == "add")
            {
                Accepted(await AddAsync(client, round, added[0]), round);
                Assert.Contains($"Case {added[0]} added.", await Banner(client, round));
            }
            else if (step == "import")
            {
                Accepted(await ImportAsync(client, round, imported), round);
                Assert.Contains("3 cases imported.", await Banner(client, round));
            }
            else
            {
                var before = Store(app).Cases.Find(c => c.RoundId == round.Id).Select(c => c.Reference).ToHashSet();
                // The pool holds the cases already in the round too: the draw leaves them out.
                Accepted(await DrawAsync(client, round, [.. before, .. pool], 5), round);
                drawn = [.. Store(app).Cases.Find(c => c.RoundId == round.Id).Select(c => c.Reference).Where(r => !before.Contains(r))];
                var banner = await Banner(client, round);
                Assert.Contains("5 cases drawn", banner);
                if (before.Count > 0)
                {
                    Assert.Contains($"leaving out {"case".ToQuantity(before.Count)} already in the round", banner);
                }
            }
        }

        var references = Store(app).Cases.Find(c => c.RoundId == round.Id).Select(c => c.Reference).ToList();
        Assert.Equal(5, drawn.Count);
        Assert.All(drawn, r => Assert.StartsWith("NS-P-0", r));
        Assert.Equal(added.Concat(imported).Concat(drawn).Order(StringComparer.Ordinal), references.Order(StringComparer.Ordinal));
        Assert.Equal(references.Count, references.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(5, Store(app).Rounds.FindById(round.Id).Draw!.SampleSize);

        // Whichever way a reference came in, another way cannot add it again.
        var again = await (await ImportAsync(client, round, [drawn[0].ToLowerInvariant()])).ReadDocumentAsync();
        Assert.Contains($"Row 2, Case reference: '{drawn[0].ToLowerInvariant()}' is already in this round", again.QuerySelector("#Upload-problems")!.TextContent);
        var twice = await (await AddAsync(client, round, imported[0])).ReadDocumentAsync();
        Assert.Contains("already in this round", twice.QuerySelector("#Input_Reference-error")!.TextContent);
        Assert.Equal(references.Count, Store(app).Cases.Count(c => c.RoundId == round.Id));
    }

    [Fact]
    public async Task A_second_draw_adds_to_the_first_and_keeps_both_seeds()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var pool = Enumerable.Range(1, 10).Select(i => $"NS-P-0{i:00}").ToList();

        Accepted(await DrawAsync(client, round, pool, 4), round);
        Accepted(await DrawAsync(client, round, pool, 6), round);

        Assert.Equal(pool, Store(app).Cases.Find(c => c.RoundId == round.Id).Select(c => c.Reference).Order());
        var stored = Store(app).Rounds.FindById(round.Id);
        Assert.Equal((6, 4), (stored.Draw!.SampleSize, Assert.Single(stored.EarlierDraws).SampleSize));
        var page = await client.GetDocumentAsync($"/rounds/{round.Id}");
        Assert.Contains("Earlier: 4 cases drawn from a pool of 10", page.QuerySelector("#round-details")!.TextContent);

        // Nothing left to draw: said plainly, nothing drawn.
        var empty = await (await DrawAsync(client, round, pool, 1)).ReadDocumentAsync();
        Assert.Contains("not already in this round", empty.QuerySelector("#SampleSize-error")!.TextContent);
    }

    [Fact]
    public async Task A_draw_that_would_pass_the_500_case_maximum_is_refused_saying_how_many_fit()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        Store(app).Cases.InsertBulk(Enumerable.Range(1, Round.MaxCases - 2).Select(i => new SampledCase
        {
            RoundId = round.Id, Reference = $"NS-{i:0000}", AgeBand = "5–11", Level = "Universal", Categories = ["Emotional"], AgencyIds = [TestUsers.AgencyId],
        }));
        var client = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await (await DrawAsync(client, round, Enumerable.Range(1, 10).Select(i => $"NS-P-0{i:00}"), 3)).ReadDocumentAsync();

        Assert.Contains("at most 500 cases and this one has 498, so draw at most 2", page.QuerySelector("#SampleSize-error")!.TextContent);
        Assert.Equal(Round.MaxCases - 2, Store(app).Cases.Count(c => c.RoundId == round.Id));
        Accepted(await DrawAsync(client, round, Enumerable.Range(1, 10).Select(i => $"NS-P-0{i:00}"), 2), round);
        Assert.Equal(Round.MaxCases, Store(app).Cases.Count(c => c.RoundId == round.Id));
    }

    [Fact]
    public async Task A_draw_is_refused_when_the_sample_changed_after_the_page_was_shown()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var form = await FormAsync(client, $"/rounds/{round.Id}/draw");
        Accepted(await ImportAsync(client, round, ["NS-F-001"]), round);

        var response = await client.SubmitAsync(form, new Dictionary<string, string> { ["SampleSize"] = "2", ["Seed"] = "5" },
            new Dictionary<string, (string, byte[])> { ["Pool"] = ("pool.csv", Csv(["NS-P-01", "NS-P-02", "NS-P-03"])) });

        var page = await response.ReadDocumentAsync();
        Assert.Contains("sample changed while you were drawing: it now has 1 case", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(["NS-F-001"], Store(app).Cases.Find(c => c.RoundId == round.Id).Select(c => c.Reference));
        Assert.Contains("This round has 1 case already", page.QuerySelector("#sample-so-far")!.TextContent);

        // The page shown now carries what it shows, so drawing again works.
        var again = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["SampleSize"] = "2", ["Seed"] = "5" },
            new Dictionary<string, (string, byte[])> { ["Pool"] = ("pool.csv", Csv(["NS-P-01", "NS-P-02", "NS-P-03"])) });
        Accepted(again, round);
        Assert.Equal(3, Store(app).Cases.Count(c => c.RoundId == round.Id));
    }

    [Fact]
    public async Task One_case_drawn_is_said_in_the_singular()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);

        Accepted(await DrawAsync(client, round, ["NS-P-01", "NS-P-02"], 1), round);

        Assert.Contains("1 case drawn from a pool of 2 (seed 77).", await Banner(client, round));
    }

    /// Found trying the import page: its links pointed at /import/template-csv, which no handler
    /// answers, so the page came back instead of the file. The test follows the page's own links.
    [Fact]
    public async Task The_template_downloads_work_from_the_import_pages_own_links()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var page = await client.GetDocumentAsync($"/rounds/{round.Id}/import");
        var links = page.QuerySelectorAll<IHtmlAnchorElement>("main a").Where(a => a.TextContent.StartsWith("Download the template")).ToList();
        Assert.Equal(2, links.Count);

        var xlsx = await client.GetAsync(links.Single(a => a.TextContent.Contains(".xlsx")).GetAttribute("href"));
        var csv = await client.GetAsync(links.Single(a => a.TextContent.Contains("CSV")).GetAttribute("href"));

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("caseaudit-sample-template.xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar ?? xlsx.Content.Headers.ContentDisposition?.FileName);
        using (var workbook = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            Assert.Equal("Case reference", workbook.Worksheet("Sample").Cell(1, 1).GetString());
            Assert.Contains(workbook.Worksheet("Allowed values").CellsUsed(), c => c.GetString() == "Northshire health");
        }

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Case reference,Age band,", text);
        Assert.Contains("# Allowed values,0–2; 3–4; 5–11; 12–18,", text);
        Assert.Contains("Northshire police; Northshire health", text);
    }

    [Fact]
    public async Task The_filled_in_csv_template_from_the_page_imports()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var href = (await client.GetDocumentAsync($"/rounds/{round.Id}/import")).QuerySelector<IHtmlAnchorElement>("#template-csv")!.GetAttribute("href");
        var template = await (await client.GetAsync(href)).Content.ReadAsByteArrayAsync();
        var filled = template.Concat(Encoding.UTF8.GetBytes("NS-2026-001,12–18,Looked after,Prenatal; Emotional,,,,,Northshire health\r\n")).ToArray();

        var response = await client.SubmitAsync(await FormAsync(client, $"/rounds/{round.Id}/import"),
            files: new Dictionary<string, (string, byte[])> { ["Upload"] = ("caseaudit-sample-template.csv", filled) });

        Accepted(response, round);
        var only = Assert.Single(Store(app).Cases.Find(c => c.RoundId == round.Id));
        Assert.Equal(("NS-2026-001", "12–18", TestUsers.OtherAgencyId), (only.Reference, only.AgeBand, Assert.Single(only.AgencyIds)));
        Assert.Contains("1 case imported.", await Banner(client, round));
    }

    [Fact]
    public async Task Import_problems_are_shown_in_the_govuk_error_style_not_a_monospace_list()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var csv = Encoding.UTF8.GetBytes($"{Header}\r\nNS-01,7-10,Universal,Emotional,{TestUsers.AgencyId}\r\nNS-02,5-11,Sometimes,Emotional,{TestUsers.AgencyId}\r\n");

        var page = await (await client.SubmitAsync(await FormAsync(client, $"/rounds/{round.Id}/import"),
            files: new Dictionary<string, (string, byte[])> { ["Upload"] = ("sample.csv", csv) })).ReadDocumentAsync();

        var summary = page.QuerySelector(".govuk-error-summary")!;
        Assert.Equal("#Upload", summary.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("sample.csv has 2 problems, listed below", summary.TextContent);
        Assert.NotNull(page.QuerySelector(".govuk-form-group--error #Upload-error"));
        var list = page.QuerySelector("#Upload-problems")!;
        Assert.Equal(["govuk-list", "govuk-list--bullet"], list.ClassList);
        Assert.Null(page.QuerySelector(".app-problem-list"));
        Assert.Equal(
            ["Row 2, Age band: '7-10' is not one of 0–2, 3–4, 5–11, 12–18", "Row 3, Level of intervention: 'Sometimes' is not one of Universal, Early help, Child in need, Child protection, Looked after"],
            list.QuerySelectorAll("li").Select(li => li.TextContent.Trim()));
        Assert.Equal(["Row 2, Age band:", "Row 3, Level of intervention:"], list.QuerySelectorAll("li strong").Select(s => s.TextContent));
        Assert.Contains("Upload-problems", page.QuerySelector("#Upload")!.GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task A_file_with_more_problems_than_are_listed_says_how_many_it_has()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        var rows = Enumerable.Range(1, 150).Select(i => $"NS-{i:000},7-10,Universal,Emotional,{TestUsers.AgencyId}");
        var csv = Encoding.UTF8.GetBytes($"{Header}\r\n{string.Join("\r\n", rows)}\r\n");

        var page = await (await client.SubmitAsync(await FormAsync(client, $"/rounds/{round.Id}/import"),
            files: new Dictionary<string, (string, byte[])> { ["Upload"] = ("sample.csv", csv) })).ReadDocumentAsync();

        Assert.Contains("sample.csv has 150 problems", page.QuerySelector("#Upload-error")!.TextContent);
        Assert.Contains("and 50 more problems after these", page.QuerySelector("#Upload-problems li:last-child")!.TextContent);
    }
}
