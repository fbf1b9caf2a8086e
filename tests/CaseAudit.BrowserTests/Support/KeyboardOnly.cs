namespace CaseAudit.BrowserTests.Support;

/// What a person who cannot use a mouse does: Tab (never a click, never a focus() call) until the
/// control they want has focus, then keys. Each arrival also checks that the focused control
/// shows where focus is (WCAG 2.4.7), as GOV.UK Frontend's yellow focus state does.
public static class KeyboardOnly
{
    /// More presses than any page here has tab stops before its submit button: reaching the
    /// limit means the control is not in the tab order (or is behind the focus already).
    private const int MaxPresses = 120;

    // A radio or checkbox input is invisible in GOV.UK Frontend; its focus state is drawn on the
    // label's ::before. Everything else draws an outline or a box shadow on itself.
    private const string ShowsFocus = """
        el => {
          const drawn = s => (s.outlineStyle !== 'none' && s.outlineColor !== 'rgba(0, 0, 0, 0)' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
          if (el.type === 'radio' || el.type === 'checkbox') {
            const label = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
            return !!label && drawn(getComputedStyle(label, '::before'));
          }
          return drawn(getComputedStyle(el));
        }
        """;

    private const string OnOrInside = "el => el.contains(document.activeElement)";

    // A question's fieldset also holds its "What to look for" details.
    private const string OnARadioInside = "el => el.contains(document.activeElement) && document.activeElement.type === 'radio'";

    /// Presses Tab until focus is on target or inside it; returns the presses it took.
    public static async Task<int> TabToAsync(IPage page, ILocator target, string what, string arrived = OnOrInside)
    {
        await Assertions.Expect(target).ToBeVisibleAsync();
        for (var presses = 1; presses <= MaxPresses; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>(arrived))
            {
                if (!await page.EvaluateAsync<bool>($"() => ({ShowsFocus})(document.activeElement)"))
                {
                    throw new AccessibilityViolation($"{what} has focus on {page.Url} but shows no focus indicator.");
                }

                return presses;
            }
        }

        var focused = await page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : 'nothing'");
        throw new AccessibilityViolation($"{what} was not reached with {MaxPresses} presses of Tab on {page.Url}; focus ended on {focused}.");
    }

    /// Tabs to a link or button and presses Enter.
    public static async Task ActivateAsync(IPage page, ILocator target, string what)
    {
        await TabToAsync(page, target, what);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForLoadStateAsync();
    }

    /// Tabs into a group of radios and picks one with the arrow keys (Space when the radio focus
    /// lands on is the one wanted and nothing was chosen yet), as a keyboard user does.
    public static async Task ChooseAsync(IPage page, ILocator group, ILocator radio, string what)
    {
        await TabToAsync(page, group, what, OnARadioInside);
        var options = await group.Locator("input[type=radio]").CountAsync();
        if (await radio.EvaluateAsync<bool>("el => el === document.activeElement") && !await radio.IsCheckedAsync())
        {
            await page.Keyboard.PressAsync("Space");
        }

        for (var i = 0; i < options && !await radio.IsCheckedAsync(); i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await Assertions.Expect(radio).ToBeCheckedAsync();
        await Assertions.Expect(radio).ToBeFocusedAsync();
    }

    /// Tabs to a text field, selects what it holds and types over it. Long text arrives as one
    /// insertion, as a paste does (typing 4,000 keys would only make the test slow).
    public static async Task TypeAsync(IPage page, ILocator field, string text, string what)
    {
        await TabToAsync(page, field, what);
        await ReplaceAsync(page, text);
    }

    /// Replaces the focused field's text.
    public static async Task ReplaceAsync(IPage page, string text)
    {
        await page.Keyboard.PressAsync("ControlOrMeta+A");
        await page.Keyboard.PressAsync("Delete");
        if (text.Length > 200)
        {
            await page.Keyboard.InsertTextAsync(text);
        }
        else
        {
            await page.Keyboard.TypeAsync(text);
        }
    }
}
