using System.Text.RegularExpressions;
using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Auditor;

/// /returns/{id}/sections/{section}: one template section's questions, each a grade (or "Not
/// applicable" with its reason revealed) and evidence, or an answer in words. Calls go in the
/// form's order: with the keyboard, each one Tabs on from where the last left focus.
public sealed class SectionPage(Journey journey, IPage page, string title, Input input)
{
    public static async Task<SectionPage> ExpectAsync(Journey journey, IPage page, string title, bool keyboard, string? state = null)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, state ?? $"Section: {title}");
        return new SectionPage(journey, page, title, new Input(page, keyboard));
    }

    public string Title => title;

    public ILocator GradeGroup(string question) => page.Locator($"[id='q-{question}'] fieldset");

    public ILocator Grade(string question, string option) => GradeGroup(question).GetByLabel(option, new() { Exact = true });

    public ILocator Evidence(string question) => page.GetByLabel(new Regex($"^Evidence for {Regex.Escape(question)}( \\(optional\\))?$"));

    public ILocator NotApplicableReason(string question) => page.GetByLabel($"Why is {question} not applicable?");

    public ILocator InWords(string question) => page.Locator($"[id='q-{question}'] textarea");

    /// The notification banner shown when someone else saved the return after this form opened.
    public ILocator Conflict => page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Someone else saved this return" });

    public ILocator Differences => page.Locator("table#conflict");

    public Task GradeAsync(string question, string option) => input.ChooseAsync(GradeGroup(question), Grade(question, option), $"{question}'s grades");

    public Task EvidenceAsync(string question, string text) => input.TypeAsync(Evidence(question), text, $"{question}'s evidence");

    public Task ReasonAsync(string question, string text) => input.TypeAsync(NotApplicableReason(question), text, $"why {question} is not applicable");

    public Task InWordsAsync(string question, string text) => input.TypeAsync(InWords(question), text, $"{question}'s answer");

    /// A graded question answered in full, in the form's order.
    public async Task AnswerAsync(string question, string grade, string evidence)
    {
        await GradeAsync(question, grade);
        await EvidenceAsync(question, evidence);
    }

    /// "Save and continue"; the caller expects the page it leads to (the next section, the
    /// overall page, or this one again with errors or the conflict view).
    public Task SaveAsync() => input.ActivateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }), $"Save and continue on {title}");

    public Task<SectionPage> NextAsync(string nextTitle) => ExpectAsync(journey, page, nextTitle, input.Keyboard);

    public Task<SectionPage> AgainAsync(string state) => ExpectAsync(journey, page, title, input.Keyboard, state);

    public async Task<TaskListPage> BackToCaseAsync(string reference)
    {
        await input.ActivateAsync(page.GetByRole(AriaRole.Link, new() { Name = $"Back to case {reference}" }), "the back link");
        return await TaskListPage.ExpectAsync(journey, page, reference, input.Keyboard, $"Case {reference}, back from {title}");
    }
}
