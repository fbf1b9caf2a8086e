namespace CaseAudit.BrowserTests.Support;

/// How a person works a page: with the keyboard only (Tab, arrows, Enter; see KeyboardOnly), or
/// with a pointer. The auditor's page objects take one, so the same journey runs either way.
public sealed class Input(IPage page, bool keyboard)
{
    public bool Keyboard => keyboard;

    public async Task ActivateAsync(ILocator target, string what)
    {
        if (keyboard)
        {
            await KeyboardOnly.ActivateAsync(page, target, what);
            return;
        }

        await target.ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    public async Task ChooseAsync(ILocator group, ILocator radio, string what)
    {
        if (keyboard)
        {
            await KeyboardOnly.ChooseAsync(page, group, radio, what);
            return;
        }

        await radio.CheckAsync();
    }

    public async Task TypeAsync(ILocator field, string text, string what)
    {
        if (keyboard)
        {
            await KeyboardOnly.TypeAsync(page, field, text, what);
            return;
        }

        await field.FillAsync(text);
    }
}
