using CaseAudit.BrowserTests.Support;

namespace CaseAudit.BrowserTests.Pages.Auditor;

/// /returns/{id}/overall: after the sections, the agency's overall grade and the child's voice.
public sealed class OverallPage(Journey journey, IPage page, string reference, Input input)
{
    public const string Title = "Overall grade and the child's voice";

    public static async Task<OverallPage> ExpectAsync(Journey journey, IPage page, string reference, bool keyboard)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = Title, Level = 1 })).ToBeVisibleAsync();
        await journey.CheckAsync(page, $"{Title}: case {reference}");
        return new OverallPage(journey, page, reference, new Input(page, keyboard));
    }

    public async Task<TaskListPage> AnswerAsync(string grade, string childsVoice)
    {
        var group = page.GetByRole(AriaRole.Group, new() { Name = "Overall grade for your agency’s practice on this case" });
        await input.ChooseAsync(group, group.GetByLabel(grade, new() { Exact = true }), "the overall grades");
        await input.TypeAsync(page.GetByLabel("The child's voice and lived experience"), childsVoice, "the child's voice");
        await input.ActivateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }), "Save and continue on the overall page");
        return await TaskListPage.ExpectAsync(journey, page, reference, input.Keyboard, $"Case {reference}, every part answered");
    }
}
