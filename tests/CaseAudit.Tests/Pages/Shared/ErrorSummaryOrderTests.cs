using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Identity;

namespace CaseAudit.Tests.Pages.Shared;

/// GOV.UK: the error summary lists its errors in the order the fields appear on the page.
public sealed class ErrorSummaryOrderTests
{
    public static TheoryData<string, string, string> Forms => new()
    {
        { Roles.Coordinator, "/rounds/new", "main form" },
        { Roles.Admin, "/admin/users/new", "main form" },
        { Roles.Admin, "/admin/agencies", "#add-agency" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_form_sent_empty_lists_its_errors_in_the_order_of_its_fields(string role, string url, string formSelector)
    {
        await using var app = new CaseAuditApp();
        RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(role);
        var form = (await client.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>(formSelector)!;
        var blank = form.Elements.Where(e => e is IHtmlTextAreaElement || e is IHtmlInputElement { Type: "text" or "email" or "password" or "number" or "date" })
            .Select(e => e.GetAttribute("name")).OfType<string>().Distinct().ToDictionary(name => name, _ => "");

        var page = await (await client.SubmitAsync(form, blank)).ReadDocumentAsync();

        var targets = page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")!.TrimStart('#')).ToList();
        Assert.True(targets.Count >= 2, $"{url} sent empty should have several errors, got: {string.Join(", ", targets)} on {page.Title} {page.Url}");
        var everything = page.All.ToList();
        var places = targets.Select(id => page.GetElementById(id) is { } field ? everything.IndexOf(field) : -1).ToList();
        Assert.DoesNotContain(-1, places);
        Assert.True(places.SequenceEqual(places.Order()), $"{url}: summary order {string.Join(", ", targets)} is not the fields' order on the page");
    }
}
