using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Auditor;

/// /returns/{id}/concern: an immediate safeguarding concern found while reading the records,
/// which the audit coordinator sees straight away.
public sealed class RaiseConcernPage(Journey journey, IPage page, string reference, Input input)
{
    public static async Task<RaiseConcernPage> ExpectAsync(Journey journey, IPage page, string reference, bool keyboard)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Raise an immediate safeguarding concern", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, $"Raise a concern: case {reference}");
        return new RaiseConcernPage(journey, page, reference, new Input(page, keyboard));
    }

    public ILocator WhatWasFound => page.GetByLabel("What did you find in the records?");

    public ILocator WhatWasDone => page.GetByLabel("What have you done about it?");

    public Task DescribeAsync(string found) => input.TypeAsync(WhatWasFound, found, "what was found");

    public Task ActionAsync(string done) => input.TypeAsync(WhatWasDone, done, "what was done");

    /// Sends the form; the caller expects the case's page or the errors.
    public Task RaiseAsync() => input.ActivateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Raise the concern" }), "Raise the concern");

    /// After a concern is raised: back on the case's page, which says so.
    public async Task<TaskListPage> ExpectRaisedAsync()
    {
        var tasks = await TaskListPage.ExpectAsync(journey, page, reference, input.Keyboard, $"Case {reference}, the concern raised");
        await Assertions.Expect(tasks.Done).ToContainTextAsync("The concern is recorded and the audit coordinator can see it now.");
        return tasks;
    }
}
