using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClosedXML.Excel;
using CaseAudit.Tests.Excel;
using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Excel;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Exports;

/// The Exports page as the Coordinator, the board and everyone else use it.
public sealed class ExportsPageTests
{
    private static async Task<byte[]> DownloadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportFile.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static List<string> Headers(byte[] content)
    {
        using var workbook = new XLWorkbook(new MemoryStream(content));
        return workbook.Worksheet(PartnershipExport.GradingsSheet).Table(PartnershipExport.TableName).HeadersRow().Cells().Select(c => c.GetString()).ToList();
    }

    [Fact]
    public async Task The_coordinator_streams_both_copies_from_the_page_and_each_is_audited()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var coordinator = await app.SignInAsDemoAsync("demo.coordinator");
        var page = await coordinator.GetDocumentAsync("/exports");
        Assert.NotNull(page.QuerySelector("nav a[href='/exports'][aria-current]"));
        var links = page.QuerySelectorAll("#partnership-links a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(2, links.Count);

        foreach (var link in links)
        {
            var content = await DownloadAsync(coordinator, link);
            Assert.Empty(WorkbookChecks.SchemaErrors(content));
            Assert.Equal(link.Contains("copy=coordinator", StringComparison.Ordinal), Headers(content).Contains("Evidence"));
        }

        var entries = store.AuditEntries.Find(e => e.Type == PartnershipExport.AuditType).ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal("demo.coordinator", e.ActorName));
        Assert.Contains(entries, e => e.Summary.Contains("with evidence", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Summary.Contains("without evidence", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_board_gets_only_the_copy_without_evidence_whatever_the_address_says()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var board = await app.SignInAsDemoAsync("demo.board");
        var page = await board.GetDocumentAsync("/exports");
        var link = Assert.Single(page.QuerySelectorAll("#partnership-links a")).GetAttribute("href")!;
        Assert.DoesNotContain("copy=", link, StringComparison.Ordinal);

        var content = await DownloadAsync(board, link);
        Assert.DoesNotContain("Evidence", Headers(content));
        Assert.Equal(HttpStatusCode.Forbidden, (await board.GetAsync("/exports?handler=Partnership&copy=coordinator")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await board.GetAsync("/exports?handler=partnership&copy=coordinator&copy=board")).StatusCode);
        var entry = Assert.Single(store.AuditEntries.Find(e => e.Type == PartnershipExport.AuditType));
        Assert.Equal("demo.board", entry.ActorName);
        Assert.Contains("without evidence", entry.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo.auditor.police")]
    [InlineData("demo.admin")]
    public async Task Auditors_and_admins_are_refused_every_export(string user)
    {
        await using var app = DemoApps.New();
        var client = await app.SignInAsDemoAsync(user);
        foreach (var url in new[] { "/exports", "/exports?handler=Partnership", "/exports?handler=Partnership&copy=coordinator",
                     "/exports?handler=YearSummary&From.Day=1&From.Month=1&From.Year=2020&To.Day=1&To.Month=1&To.Year=2030" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        }

        Assert.DoesNotContain("href=\"/exports\"", await (await client.GetAsync("/account")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(app.Services.GetRequiredService<CaseAuditStore>().AuditEntries.Find(e => e.Type.StartsWith("export.")));
    }

    [Fact]
    public async Task The_year_summary_form_shows_each_problem_by_its_field_and_keeps_what_was_typed()
    {
        await using var app = DemoApps.New();
        var board = await app.SignInAsDemoAsync("demo.board");

        var page = await board.GetDocumentAsync("/exports?handler=YearSummary&From.Day=31&From.Month=2&From.Year=2025&To.Day=&To.Month=&To.Year=");
        Assert.StartsWith("Error:", page.Title);
        Assert.Equal(["The start date must be a real date, like 27 3 2026", "Enter the end date"],
            page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent.Trim()));
        Assert.Equal(["#From", "#To"], page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")));
        Assert.Contains("real date", page.QuerySelector("#From-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("31", page.QuerySelector<IHtmlInputElement>("input[name='From.Day']")!.Value);
        Assert.Equal("2", page.QuerySelector<IHtmlInputElement>("input[name='From.Month']")!.Value);

        page = await board.GetDocumentAsync("/exports?handler=YearSummary&From.Day=1&From.Month=4&From.Year=2026&To.Day=31&To.Month=3&To.Year=2026");
        Assert.Equal("The end date must be the same as or after the start date", page.QuerySelector(".govuk-error-summary__list a")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#To-error"));
        Assert.Null(page.QuerySelector("#From-error"));
        Assert.Equal("2026", page.QuerySelector<IHtmlInputElement>("input[name='To.Year']")!.Value);
        Assert.Empty(app.Services.GetRequiredService<CaseAuditStore>().AuditEntries.Find(e => e.Type == YearSummaryWorkbook.AuditType));
    }

    [Fact]
    public async Task The_year_summary_downloads_for_a_valid_period_and_is_audited_with_the_period()
    {
        await using var app = DemoApps.New();
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var board = await app.SignInAsDemoAsync("demo.board");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = today.AddYears(-2);

        var content = await DownloadAsync(board,
            $"/exports?handler=YearSummary&From.Day={from.Day}&From.Month={from.Month}&From.Year={from.Year}&To.Day={today.Day}&To.Month={today.Month}&To.Year={today.Year}");

        Assert.Empty(WorkbookChecks.SchemaErrors(content));
        using var workbook = new XLWorkbook(new MemoryStream(content));
        Assert.Empty(WorkbookChecks.AccessibilityProblems(workbook));
        Assert.Single(workbook.Worksheet(YearSummaryWorkbook.RoundsSheet).Table("Table_rounds_published").DataRange.Rows());
        var entry = Assert.Single(store.AuditEntries.Find(e => e.Type == YearSummaryWorkbook.AuditType));
        Assert.Equal("demo.board", entry.ActorName);
        Assert.Contains(from.ToString("yyyy-MM-dd"), entry.After!, StringComparison.Ordinal);
    }
}
