using AngleSharp.Dom;
using System.Net;
using CaseAudit.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Admin;

public sealed class AuditPageTests
{
    private static void Record(CaseAuditApp app, string actor, string type, string summary, object? after = null) =>
        app.Services.GetRequiredService<AuditTrail>().Append(new AuditEvent(type, summary, null, actor, After: after));

    [Fact]
    public async Task The_trail_filters_by_person_and_type()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        Record(app, "sam.patel", "grading.saved", "Sam graded case 1");
        Record(app, "sam.patel", "round.opened", "Sam opened a round");
        Record(app, "jo.bloggs", "grading.saved", "Jo graded case 2", after: new { Grade = "Good" });

        var page = await client.GetDocumentAsync("/admin/audit?Person=SAM&Type=grading");

        var rows = page.QuerySelectorAll("#entries tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains("Sam graded case 1", row.TextContent);
        Assert.Equal("SAM", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Person")!.Value);
        Assert.Contains(page.QuerySelectorAll("#Type option"), o => o.TextContent == "round.opened");
        var jo = await client.GetDocumentAsync("/admin/audit?Person=jo");
        Assert.Contains("\"grade\": \"Good\"", jo.QuerySelector("#entries tbody tr details")!.TextContent);
    }

    [Fact]
    public async Task Date_filters_are_typed_and_shown_in_uk_order()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        Record(app, "sam.patel", "grading.saved", "Sam graded case 1");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        string Uk(DateOnly d) => d.ToString("d/M/yyyy", System.Globalization.CultureInfo.InvariantCulture);

        var form = await client.GetDocumentAsync("/admin/audit");
        var from = form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#From")!;
        Assert.Equal("text", from.Type);
        Assert.Contains("25/11/2026", form.QuerySelector("#From-hint")!.TextContent);

        var sameDay = await client.GetDocumentAsync($"/admin/audit?Person=sam&From={Uri.EscapeDataString(Uk(today))}&To={Uri.EscapeDataString(Uk(today))}");
        var tomorrow = await client.GetDocumentAsync($"/admin/audit?Person=sam&From={Uri.EscapeDataString(Uk(today.AddDays(1)))}");
        var iso = await client.GetDocumentAsync($"/admin/audit?Person=sam&From={today:yyyy-MM-dd}");
        var american = await client.GetDocumentAsync("/admin/audit?From=11/25/2026");

        Assert.Contains("Sam graded case 1", sameDay.QuerySelector("#entries")!.TextContent);
        Assert.Null(tomorrow.QuerySelector("#entries"));
        Assert.NotNull(iso.QuerySelector("#entries"));
        Assert.Contains("like 25/11/2026", american.QuerySelector("#From-error")!.TextContent);
    }

    [Fact]
    public async Task An_invalid_date_gets_a_message_next_to_the_field()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;

        var page = await client.GetDocumentAsync("/admin/audit?From=2026-02-30&Person=sam");

        Assert.Contains("The from date must be a real date", page.QuerySelector("#From-error")!.TextContent);
        Assert.Equal("2026-02-30", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#From")!.Value);
        Assert.Null(page.QuerySelector("#entries"));
    }

    [Fact]
    public async Task The_trail_is_paged_fifty_at_a_time()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        for (var i = 1; i <= 60; i++)
        {
            Record(app, "sam.patel", "grading.saved", $"Entry {i}");
        }

        var first = await client.GetDocumentAsync("/admin/audit?Person=sam");
        var second = await client.GetDocumentAsync(first.QuerySelector(".govuk-pagination__next a")!.GetAttribute("href")!);

        Assert.Equal(50, first.QuerySelectorAll("#entries tbody tr").Length);
        Assert.Contains("Entry 60", first.QuerySelector("#entries tbody tr")!.TextContent);
        Assert.Equal(10, second.QuerySelectorAll("#entries tbody tr").Length);
        Assert.Equal("2", second.QuerySelector(".govuk-pagination__item--current")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_csv_download_holds_every_filtered_entry_and_is_audited()
    {
        var (app, client, _) = await AdminTestUsers.SignedInAdminAsync();
        await using var _app = app;
        for (var i = 1; i <= 55; i++)
        {
            Record(app, "sam.patel", "grading.saved", $"Entry {i}");
        }

        Record(app, "jo.bloggs", "grading.saved", "Jo's entry");
        var page = await client.GetDocumentAsync("/admin/audit?Person=sam&Type=grading.saved");
        var link = page.QuerySelector("#download")!.GetAttribute("href")!;

        var response = await client.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("/admin/audit/download?", link);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"audit-trail-{DateTime.UtcNow:yyyyMMdd}.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd().Split("\r\n");
        Assert.StartsWith("Seq,At (UTC)", lines[0]);
        Assert.Equal(56, lines.Length);
        Assert.Contains(",Entry 1,", lines[1]);
        Assert.DoesNotContain(lines, l => l.Contains("Jo's entry"));
        var exported = Assert.Single(app.Trail("audit.exported"));
        Assert.Equal("ada.admin", exported.ActorName);
        Assert.Contains("\"entries\":55", exported.After);
    }
}
