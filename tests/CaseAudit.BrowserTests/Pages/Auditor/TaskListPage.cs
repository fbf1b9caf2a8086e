using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Auditor;

/// /returns/{id}: one case's return as a task list of the template's sections, the way to check
/// and submit, and the way to raise an immediate safeguarding concern.
public sealed class TaskListPage(Journey journey, IPage page, string reference, bool keyboard)
{
    private readonly Input _input = new(page, keyboard);

    public static async Task<TaskListPage> ExpectAsync(Journey journey, IPage page, string reference, bool keyboard, string? state = null)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Case {reference}", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, state ?? $"Case {reference}: the return's sections");
        return new TaskListPage(journey, page, reference, keyboard);
    }

    public ILocator Done => page.Locator(".govuk-notification-banner--success");

    public ILocator StatusOf(string section) =>
        page.Locator(".govuk-task-list__item").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = section, Exact = true }) }).Locator(".govuk-task-list__status");

    public async Task<SectionPage> OpenSectionAsync(string section)
    {
        await GoAsync(page.GetByRole(AriaRole.Link, new() { Name = section, Exact = true }), section);
        return await SectionPage.ExpectAsync(journey, page, section, keyboard);
    }

    public async Task<CheckAnswersPage> CheckAnswersAsync()
    {
        await GoAsync(page.GetByRole(AriaRole.Button, new() { Name = "Check your answers" }), "Check your answers");
        return await CheckAnswersPage.ExpectAsync(journey, page, reference, keyboard);
    }

    public async Task<RaiseConcernPage> RaiseConcernAsync()
    {
        await GoAsync(page.GetByRole(AriaRole.Link, new() { Name = "raise an immediate safeguarding concern" }), "the concern link");
        return await RaiseConcernPage.ExpectAsync(journey, page, reference, keyboard);
    }

    public async Task<MyReturnsPage> BackToMyReturnsAsync()
    {
        await GoAsync(page.GetByRole(AriaRole.Link, new() { Name = "Back to my returns" }), "Back to my returns");
        return await MyReturnsPage.ExpectAsync(journey, page, "My returns, after leaving a return", keyboard);
    }

    private Task GoAsync(ILocator target, string what) => _input.ActivateAsync(target, what);
}
