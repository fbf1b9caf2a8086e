namespace CaseAudit.BrowserTests.Support;

/// Checks axe's rules leave to the page: every form control a person can reach has an accessible
/// name, and no two share one. Radios, checkboxes and date parts are named within their fieldset
/// ("Record keeping / Good"), as a screen reader announces the legend on entering the group.
public static class Accessibility
{
    // axe's own name computation (the one its rules use).
    private const string ControlNames = """
        () => {
          axe.setup(document);
          try {
            // Not opacity: GOV.UK's radios and checkboxes draw their own boxes over a transparent input.
            const visible = el => el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
            return [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
              .filter(visible)
              .map(el => {
                const name = axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(el)).trim().replace(/\s+/g, ' ');
                const fieldset = el.closest('fieldset');
                const legend = fieldset?.querySelector('legend');
                const group = legend ? axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(legend)).trim().replace(/\s+/g, ' ') : '';
                const form = el.form ? (el.form.getAttribute('action') || '(this page)') : '';
                return { tag: el.tagName.toLowerCase(), type: el.getAttribute('type') || '', id: el.id, field: el.getAttribute('name') || '', name, group, form };
              });
          } finally {
            axe.teardown();
          }
        }
        """;

    public static async Task ExpectUniqueControlNamesAsync(IPage page, string where)
    {
        await Axe.InjectAsync(page);
        var controls = await page.EvaluateAsync<Control[]>(ControlNames);
        var problems = new List<string>();
        foreach (var unnamed in controls.Where(c => c.Name.Length == 0))
        {
            problems.Add($"{unnamed.Describe()} has no accessible name");
        }

        foreach (var shared in controls.Where(c => c.Name.Length > 0).GroupBy(c => c.Key).Where(g => g.Count() > 1))
        {
            problems.Add($"{shared.Count()} controls are all named \"{shared.Key}\": {string.Join(", ", shared.Select(c => c.Describe()))}");
        }

        if (problems.Count > 0)
        {
            throw new AccessibilityViolation($"Form controls on {where}:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", problems)}");
        }
    }

    // Playwright fills results through a parameterless constructor and setters.
    public sealed class Control
    {
        public string Tag { get; set; } = "";

        public string Type { get; set; } = "";

        public string Id { get; set; } = "";

        public string Field { get; set; } = "";

        public string Name { get; set; } = "";

        public string Group { get; set; } = "";

        public string Form { get; set; } = "";

        public string Key => Group.Length == 0 ? Name : $"{Group} / {Name}";

        public string Describe() => $"<{Tag}{(Type.Length > 0 ? $" type={Type}" : "")}{(Id.Length > 0 ? $" id={Id}" : "")}{(Field.Length > 0 ? $" name={Field}" : "")}>";
    }
}
