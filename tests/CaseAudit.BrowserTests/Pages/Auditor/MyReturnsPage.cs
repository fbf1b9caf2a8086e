using System.Text.RegularExpressions;
using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Auditor;

/// /returns: the auditor's agency's returns in rounds open for grading, as a task list with
/// each case's status. keyboard: reached and left with Tab and Enter only.
public sealed class MyReturnsPage(Journey journey, IPage page, bool keyboard)
{
    public static async Task<MyReturnsPage> OpenFromNavigationAsync(Journey journey, IPage page, bool keyboard = false)
    {
        var link = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "My returns" });
        await new Input(page, keyboard).ActivateAsync(link, "My returns in the menu");
        return await ExpectAsync(journey, page, "My returns", keyboard);
    }

    public static async Task<MyReturnsPage> ExpectAsync(Journey journey, IPage page, string state, bool keyboard = false)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My returns", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, state);
        return new MyReturnsPage(journey, page, keyboard);
    }

    public ILocator Done => page.Locator(".govuk-notification-banner--success");

    /// The first case whose return has this status ("Not started", "In progress", "Submitted").
    public async Task<string> FirstCaseAsync(string status)
    {
        var item = page.Locator(".govuk-task-list__item").Filter(new() { Has = page.Locator(".govuk-task-list__status", new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(status)}\\s*$") }) }).First;
        var name = await item.GetByRole(AriaRole.Link).InnerTextAsync();
        return Regex.Match(name, @"^Case (\S+)$").Groups[1].Value is { Length: > 0 } reference
            ? reference
            : throw new InvalidOperationException($"No case reference in \"{name}\".");
    }

    public ILocator StatusOf(string reference) =>
        page.Locator(".govuk-task-list__item").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = $"Case {reference}", Exact = true }) }).Locator(".govuk-task-list__status");

    public async Task<TaskListPage> OpenAsync(string reference)
    {
        await new Input(page, keyboard).ActivateAsync(page.GetByRole(AriaRole.Link, new() { Name = $"Case {reference}", Exact = true }), $"Case {reference}");
        return await TaskListPage.ExpectAsync(journey, page, reference, keyboard);
    }
}
