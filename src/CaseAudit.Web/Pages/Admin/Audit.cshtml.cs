using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CaseAudit.Web.Data;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Admin;

// A GET form, so a filtered view can be bookmarked or shared; the CSV link carries the same query.
[Authorize(Policy = Policies.Admin)]
public sealed class AuditModel(CaseAuditStore store, AuditTrail trail, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;
    // UK order first, as the hints show it; ISO dates (from older links and exports) still work.
    private static readonly string[] DateFormats = ["d/M/yyyy", "d-M-yyyy", "d M yyyy", "d.M.yyyy", "yyyy-MM-dd"];

    [BindProperty(SupportsGet = true)]
    public string? Person { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    // Not "page": Razor Pages keeps the page path in a route value of that name.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<string> Types { get; private set; } = [];

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public void OnGet()
    {
        // Distinct types through the Type index; the trail only grows, so this stays cheap enough.
        Types = [.. store.AuditEntries.Query().Select(e => e.Type).ToEnumerable().Distinct().Order(StringComparer.Ordinal)];
        if (Query() is not { } query)
        {
            return;
        }

        Total = trail.Count(query);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Entries = [.. trail.Find(query with { Skip = (PageNumber - 1) * PageSize, Take = PageSize }).Select(AuditForAdmins.Shown)];
    }

    // Everything that matches, not one page, oldest first so the hash chain reads in order.
    public async Task<IActionResult> OnGetDownloadAsync()
    {
        if (Query() is not { } query)
        {
            return Redirect("/admin/audit" + Request.QueryString);
        }

        var entries = trail.Find(query with { Skip = 0, Take = int.MaxValue }).Reverse().Select(AuditForAdmins.Shown).ToList();
        await trail.AppendAsync(HttpContext.Event("audit.exported", $"Audit trail downloaded as CSV: {entries.Count} entries", after: new
        {
            Person = query.Actor,
            query.Type,
            From = query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            To = query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Entries = entries.Count,
        }));

        var buffer = new MemoryStream();
        // A byte-order mark so Excel reads the UTF-8 names correctly.
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        {
            AuditTrailCsv.Write(entries, writer);
        }

        buffer.Position = 0;
        return File(buffer, "text/csv", $"audit-trail-{clock.GetUtcNow():yyyyMMdd}.csv");
    }

    public string PageLink(int page) => "/admin/audit" + QueryString.Create(Filters().Append(new("p", page.ToString(CultureInfo.InvariantCulture)))).ToString();

    public string DownloadLink => "/admin/audit/download" + QueryString.Create(Filters()).ToString();

    public static string When(DateTime at) => at.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Pretty(string json)
    {
        try
        {
            return JsonNode.Parse(json)?.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) ?? json;
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }
    }

    private IEnumerable<KeyValuePair<string, string?>> Filters()
    {
        foreach (var (name, value) in new[] { ("person", Person), ("type", Type), ("from", From), ("to", To) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                yield return new(name, value.Trim());
            }
        }
    }

    // The filters as a query, or null (with messages next to the fields) when a date is not real.
    private AuditQuery? Query()
    {
        var from = ParseDate("From", From, "from");
        var to = ParseDate("To", To, "to");
        if (from is { } f && to is { } t && t < f)
        {
            ModelState.AddModelError("To", "The to date must be the same as or after the from date");
        }

        return ModelState.IsValid
            ? new AuditQuery { Actor = Person?.Trim(), Type = Type?.Trim(), From = from, To = to, Take = PageSize }
            : null;
    }

    private DateOnly? ParseDate(string key, string? text, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        ModelState.AddModelError(key, $"The {label} date must be a real date, like 25/11/2026");
        return null;
    }
}
