namespace CaseAudit.BrowserTests.Pages.Board;

/// A page as print media lays it out on A4 (print.css): what is visible, what sticks out past the
/// printable width, and the PDF Chromium prints.
public sealed partial class PrintedPage(IPage page)
{
    // A4 is 210 mm wide; print.css's @page margin is 15 mm each side: 180 mm at 96 px per inch.
    public const int PrintableWidth = 680;

    /// Lays the page out for print at A4's printable width.
    public static async Task<PrintedPage> EmulateA4Async(IPage page)
    {
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.SetViewportSizeAsync(PrintableWidth, 1000);
        return new PrintedPage(page);
    }

    /// The site's furniture, none of which a printed board paper should show; Always: every page
    /// has it, so a test that finds none is measuring the wrong thing.
    public IEnumerable<(string What, ILocator Where, bool Always)> Furniture =>
    [
        // By CSS, not role: role locators skip hidden elements, and these must be found to be
        // seen hidden.
        ("the header", page.Locator("header"), true),
        ("the service navigation", page.Locator(".govuk-service-navigation"), true),
        ("the footer", page.Locator("footer"), true),
        ("the phase banner", page.Locator(".govuk-phase-banner"), false),
        ("a back link", page.Locator(".govuk-back-link"), true),
        ("the skip link", page.Locator(".govuk-skip-link"), true),
        ("a button", page.Locator("button, .govuk-button"), false),
        ("any navigation", page.Locator("nav"), true),
    ];

    /// Visible elements whose right edge is past the printable width (a chart's inner parts
    /// included), as "tag#id.class right N".
    public Task<string[]> WiderThanThePageAsync() => page.EvaluateAsync<string[]>("""
        () => {
          const width = document.documentElement.clientWidth;
          return [...document.body.querySelectorAll('*')]
            .filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.right > width + 1; })
            .slice(0, 10)
            .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '') + ' right ' + Math.round(el.getBoundingClientRect().right));
        }
        """);

    public Task<int> DocumentWidthAsync() => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    /// Whether print.css keeps each chart's figure (its heading inside) on one page.
    public Task<string[]> FiguresThatMaySplitAsync() => page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('figure')]
          .filter(f => getComputedStyle(f).breakInside !== 'avoid' || !f.querySelector('h2, h3') || !f.querySelector('svg'))
          .map(f => f.id || f.outerHTML.slice(0, 80))
        """);

    /// Prints the page as Chromium would to A4 and counts its pages: each page is one
    /// "/Type /Page" object (the page tree is "/Type /Pages").
    public async Task<int> PrintedPageCountAsync(string path)
    {
        var pdf = await page.PdfAsync(new() { Format = "A4", Path = path, PreferCSSPageSize = true });
        return PageObject().Matches(System.Text.Encoding.Latin1.GetString(pdf)).Count;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial System.Text.RegularExpressions.Regex PageObject();
}
