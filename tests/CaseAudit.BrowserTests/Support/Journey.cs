using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace CaseAudit.BrowserTests.Support;

/// One journey through the app: the people's browser contexts, and the checks every page state
/// they reach must pass. <see cref="CheckAsync"/> runs axe (WCAG 2.2 A and AA, zero violations),
/// the accessible-name check and the reflow check; a page that navigates twice without a check
/// fails the journey, so no state is reached unchecked. On failure every open page is saved as
/// a screenshot and its HTML under TestResults/.
public sealed partial class Journey
{
    public const int DesktopWidth = 1280;

    private readonly Chromium _chromium;
    private readonly List<(IBrowserContext Context, string Person)> _contexts = [];
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly Dictionary<IPage, PageState> _pages = [];
    private readonly string _name;
    private IPage? _withoutScript;

    private Journey(Chromium chromium, ServedCaseAudit app, string name)
    {
        _chromium = chromium;
        App = app;
        _name = name;
    }

    public ServedCaseAudit App { get; }

    /// How many page states were checked: a test asserts it reached the states it meant to.
    public List<string> Checked { get; } = [];

    public static string ArtifactsFolder { get; } = Path.Combine(ServedCaseAudit.RepositoryRoot, "tests", "CaseAudit.BrowserTests", "TestResults", "failures");

    /// Runs the steps; whatever fails, the open pages are saved first and named in the error.
    public static async Task RunAsync(Chromium chromium, ServedCaseAudit app, Func<Journey, Task> steps, [CallerMemberName] string name = "")
    {
        var journey = new Journey(chromium, app, name);
        try
        {
            await steps(journey);
            journey.ExpectNoProblems();
        }
        catch (Exception failure)
        {
            var saved = await journey.SaveArtifactsAsync();
            throw new JourneyFailed($"{name} failed: {failure.Message}{Environment.NewLine}Pages saved: {string.Join(", ", saved)}{Environment.NewLine}App log (last lines):{Environment.NewLine}{Tail(app.Log)}", failure);
        }
        finally
        {
            foreach (var (context, _) in journey._contexts)
            {
                await context.CloseAsync();
            }
        }
    }

    /// A person's own browser: own cookies, desktop width. Every response over 499, console
    /// error (a CSP refusal among them) and uncaught script error is a problem the journey fails on.
    public async Task<IPage> PersonAsync(string person, bool javaScript = true, Dictionary<string, string>? headers = null)
    {
        var context = await _chromium.Browser.NewContextAsync(new()
        {
            BaseURL = App.Address.ToString(),
            JavaScriptEnabled = javaScript,
            ViewportSize = new() { Width = DesktopWidth, Height = 900 },
            AcceptDownloads = true,
            ExtraHTTPHeaders = headers,
        });
        context.SetDefaultTimeout(15_000);
        _contexts.Add((context, person));
        context.Response += (_, response) =>
        {
            if (response.Status >= 500)
            {
                _problems.Enqueue($"{person}: {response.Request.Method} {response.Url} answered {response.Status}");
            }
        };
        var page = await context.NewPageAsync();
        var state = new PageState(person) { JavaScript = javaScript };
        _pages[page] = state;
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                Interlocked.Increment(ref state.Navigations);
                state.LastUrl = frame.Url;
            }
        };
        page.Console += (_, message) =>
        {
            // Chromium logs a page it was refused (403/404) as a failed resource; a journey that
            // opened that address expecting the refusal (ExpectRefusalAsync) has asserted it.
            if (message.Type == "error" && !(state.Refused is { } refused && message.Location.StartsWith(refused, StringComparison.Ordinal)
                && RefusalLogged().IsMatch(message.Text)))
            {
                _problems.Enqueue($"{person}: console error on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _problems.Enqueue($"{person}: script error on {page.Url}: {error}");
        return page;
    }

    /// Opens an address a person must be refused: it answers 403 or 404 (the error page, which
    /// the caller then checks). Only that refusal's console message is expected.
    public async Task<IResponse> ExpectRefusalAsync(IPage page, string address)
    {
        var state = _pages[page];
        state.Refused = new Uri(App.Address, address).ToString();
        try
        {
            var response = await page.GotoAsync(address) ?? throw new InvalidOperationException($"{address} gave no response.");
            Assert.True(response.Status is 403 or 404, $"{state.Person} opened {address} and was answered {response.Status}, not refused.");
            return response;
        }
        finally
        {
            state.Refused = null;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Failed to load resource: the server responded with a status of 40[34]\b")]
    private static partial System.Text.RegularExpressions.Regex RefusalLogged();

    /// The checks every page state gets. state: what the page shows, for the failure message.
    public async Task CheckAsync(IPage page, string state)
    {
        var problems = await FindProblemsAsync(page, state);
        if (problems.Count > 0)
        {
            throw new AccessibilityViolation(string.Join(Environment.NewLine, problems));
        }
    }

    /// The same checks, reporting rather than throwing: for a sweep over many pages.
    public async Task<IReadOnlyList<string>> FindProblemsAsync(IPage page, string state)
    {
        var tracked = _pages[page];
        var unseen = tracked.Navigations - tracked.CheckedNavigations;
        if (unseen > 1)
        {
            throw new InvalidOperationException($"{tracked.Person} reached {unseen - 1} page(s) before \"{state}\" ({tracked.LastUrl}) without checking them: every page state a journey reaches is checked.");
        }

        tracked.CheckedNavigations = tracked.Navigations;
        var where = $"\"{state}\" ({page.Url}, {tracked.Person})";
        var problems = new List<string>();
        var checkedPage = tracked.JavaScript ? page : await WithoutScriptAsync(page);
        foreach (var check in new Func<IPage, string, Task>[] { Axe.ExpectNoViolationsAsync, Accessibility.ExpectUniqueControlNamesAsync, Reflow.ExpectNoSidewaysScrollAsync })
        {
            try
            {
                await check(checkedPage, where);
            }
            catch (AccessibilityViolation violation)
            {
                problems.Add(violation.Message);
            }
        }

        ExpectNoProblems();
        Checked.Add(state);
        return problems;
    }

    /// axe runs asynchronously (timers, promises), which never settle in a context with script
    /// disabled: a check there waited for ever. So a page from such a context is checked as a copy
    /// of its markup in a page whose own scripts are all blocked (the app's CSS still loads):
    /// what a browser without script shows, with axe free to run.
    private async Task<IPage> WithoutScriptAsync(IPage page)
    {
        if (_withoutScript is null)
        {
            var context = await _chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = DesktopWidth, Height = 900 } });
            context.SetDefaultTimeout(15_000);
            await context.RouteAsync(new System.Text.RegularExpressions.Regex(@"\.m?js(\?|$)"), route => route.AbortAsync());
            _contexts.Add((context, "checks of pages without script"));
            _withoutScript = await context.NewPageAsync();
        }

        var html = await page.ContentAsync();
        var head = html.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
        var withBase = head < 0 ? html : html.Insert(head + "<head>".Length, $"<base href=\"{System.Net.WebUtility.HtmlEncode(page.Url)}\">");
        await _withoutScript.SetContentAsync(withBase);
        // A copy without the GOV.UK stylesheet (the body keeps the browser's 8 px margin) would
        // pass the reflow check on the wrong page.
        if (await _withoutScript.EvaluateAsync<string>("() => getComputedStyle(document.body).marginTop") != "0px")
        {
            throw new InvalidOperationException($"The copy of {page.Url} for checking without script did not load the app's stylesheets.");
        }

        return _withoutScript;
    }

    public void ExpectNoProblems()
    {
        var problems = _problems.ToArray().Concat(App.ServerErrors).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"The journey met {problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems.Take(20))}");
        }
    }

    private async Task<List<string>> SaveArtifactsAsync()
    {
        var saved = new List<string>();
        Directory.CreateDirectory(ArtifactsFolder);
        var index = 0;
        foreach (var (page, state) in _pages)
        {
            if (page.IsClosed)
            {
                continue;
            }

            index++;
            var stem = Path.Combine(ArtifactsFolder, $"{_name}-{index}-{Safe(state.Person)}");
            try
            {
                await page.ScreenshotAsync(new() { Path = stem + ".png", FullPage = true });
                await File.WriteAllTextAsync(stem + ".html", $"<!-- {page.Url} -->{Environment.NewLine}{await page.ContentAsync()}");
                saved.Add(stem + ".png");
                saved.Add(stem + ".html");
            }
            catch (PlaywrightException e)
            {
                saved.Add($"{stem}: not saved ({e.Message})");
            }
        }

        return saved;
    }

    private static string Safe(string text) => new(text.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());

    private static string Tail(string log) => string.Join(Environment.NewLine, log.Split(Environment.NewLine).TakeLast(40));

    private sealed class PageState(string person)
    {
        public string Person { get; } = person;

        public int Navigations;

        public int CheckedNavigations;

        public string LastUrl { get; set; } = "";

        /// The address being opened to be refused, while it is.
        public string? Refused { get; set; }

        public bool JavaScript { get; init; } = true;
    }
}

public sealed class JourneyFailed(string message, Exception inner) : Exception(message, inner);

public sealed class AccessibilityViolation(string message) : Exception(message);
