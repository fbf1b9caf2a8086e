using System.Text.RegularExpressions;
using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages;

/// A form sent back with a mistake: GOV.UK's error summary at the top, linking to the field, the
/// field's own message beside it, "Error: " in the title and, where script runs, the summary
/// focused (GOV.UK Frontend's error summary script) so a screen reader reads it first.
public static class ErrorState
{
    /// fieldId: what the summary links to; messageId: the element holding the field's message
    /// (a date's link goes to its Day box, its message sits on the group).
    public static async Task ExpectAsync(Journey journey, IPage page, string fieldId, string message, string state, bool withScript = true, string? messageId = null)
    {
        var summary = page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = message })).ToHaveAttributeAsync("href", "#" + fieldId);
        await Assertions.Expect(page.Locator($"[id='{messageId ?? fieldId}-error']")).ToContainTextAsync(message);
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        if (withScript)
        {
            await Assertions.Expect(summary).ToBeFocusedAsync();
        }

        await journey.CheckAsync(page, state);
    }

    /// The summary alone, for a form whose field ids depend on the data (a template's questions).
    public static async Task ExpectSummaryAsync(Journey journey, IPage page, string containing, string state, bool withScript = true)
    {
        var summary = page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync(containing);
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        if (withScript)
        {
            await Assertions.Expect(summary).ToBeFocusedAsync();
        }

        await journey.CheckAsync(page, state);
    }
}
