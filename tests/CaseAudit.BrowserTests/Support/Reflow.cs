namespace CaseAudit.BrowserTests.Support;

/// WCAG 1.4.10: at 320 CSS px (and a common phone's 390) nothing makes the page scroll sideways;
/// a wide table may scroll only inside its own region, which does not widen the document.
public static class Reflow
{
    public static readonly int[] PhoneWidths = [390, 320];

    public static async Task ExpectNoSidewaysScrollAsync(IPage page, string where)
    {
        var desktop = page.ViewportSize;
        try
        {
            foreach (var width in PhoneWidths)
            {
                await page.SetViewportSizeAsync(width, 800);
                var measured = await page.EvaluateAsync<Measure>("""
                    () => ({
                      document: document.documentElement.scrollWidth,
                      viewport: document.documentElement.clientWidth,
                      // For the message: the innermost elements reaching furthest right.
                      widest: (() => {
                        const vw = document.documentElement.clientWidth + 1;
                        const over = el => el.getBoundingClientRect().right > vw;
                        const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
                        return [...document.body.querySelectorAll('*')]
                          .filter(el => over(el) && ![...el.children].some(over))
                          .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
                          .slice(0, 3)
                          .map(el => name(el) + ' in ' + (el.parentElement ? name(el.parentElement) : '') + ', right ' + Math.round(el.getBoundingClientRect().right));
                      })()
                    })
                    """);
                if (measured.Document > measured.Viewport)
                {
                    throw new AccessibilityViolation($"At {width} px {where} scrolls sideways: the document is {measured.Document} px wide in a {measured.Viewport} px viewport. Widest: {string.Join("; ", measured.Widest)}");
                }
            }
        }
        finally
        {
            if (desktop is not null)
            {
                await page.SetViewportSizeAsync(desktop.Width, desktop.Height);
            }
        }
    }

    public sealed class Measure
    {
        public int Document { get; set; }

        public int Viewport { get; set; }

        public string[] Widest { get; set; } = [];
    }
}
