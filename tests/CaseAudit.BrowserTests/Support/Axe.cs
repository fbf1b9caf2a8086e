using System.Text;
using Deque.AxeCore.Commons;

namespace CaseAudit.BrowserTests.Support;

/// axe-core as Deque.AxeCore bundles it, run on the page's main frame with the WCAG 2.2 A and AA
/// tags. Deque's own RunAxe injects the 500 KB script again and returns every passing node on
/// each call: 6–9 s a page on this machine, against 0.1–1.3 s for the same run here, where axe is
/// injected once per document and only violations come back.
public static class Axe
{
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

    private static readonly string Source = new BundledAxeScriptProvider().GetScript();

    private const string Run = """
        async (tags) => {
          const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return result.violations.map(v => ({
            id: v.id,
            impact: v.impact || '',
            help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + [...n.any, ...n.all, ...n.none].map(c => c.message).join('; ')),
          }));
        }
        """;

    /// Leaves axe in the page, which the accessible-name check then uses.
    public static async Task InjectAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source);
        }
    }

    public static async Task ExpectNoViolationsAsync(IPage page, string where)
    {
        await InjectAsync(page);
        var violations = await page.EvaluateAsync<Violation[]>(Run, WcagTags);
        if (violations.Length == 0)
        {
            return;
        }

        var text = new StringBuilder($"axe found {violations.Length} violation(s) on {where}:");
        foreach (var violation in violations)
        {
            text.AppendLine().Append($"- {violation.Id} ({violation.Impact}): {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine().Append($"    {node}");
            }
        }

        throw new AccessibilityViolation(text.ToString());
    }

    // Playwright fills results through a parameterless constructor and setters.
    public sealed class Violation
    {
        public string Id { get; set; } = "";

        public string Impact { get; set; } = "";

        public string Help { get; set; } = "";

        public string[] Nodes { get; set; } = [];
    }
}
