using System.Text.RegularExpressions;
using CaseAudit.BrowserTests.Pages;
using CaseAudit.BrowserTests.Support;
using Xunit.Abstractions;

namespace CaseAudit.BrowserTests.Journeys;

/// Beyond the journeys: every page each demo role can reach by following links, one of each kind
/// (ids set aside), gets the same checks as a journey's pages.
[Collection(BrowserCollection.Name)]
public sealed partial class EveryPageTests(Chromium chromium, ITestOutputHelper output)
{
    private const int MostPagesPerRole = 80;
    private const int MostPagesPerList = 6;

    [Theory]
    [InlineData("demo.coordinator")]
    [InlineData("demo.auditor.police")]
    [InlineData("demo.board")]
    [InlineData("demo.admin")]
    public async Task Every_page_a_role_reaches_by_links_passes_the_checks(string userName)
    {
        await using var app = await ServedCaseAudit.StartAsync(settings: new Dictionary<string, string> { ["CaseAudit__RequireMfa"] = "false" });
        await Journey.RunAsync(chromium, app, async journey =>
        {
            var page = await journey.PersonAsync(userName);
            await SignInPage.SignInAsDemoAsync(journey, page, userName);
            var seen = new HashSet<string>();
            var children = new Dictionary<string, int>();
            var queue = new Queue<string>([page.Url]);
            var failures = new List<string>();
            var visited = 0;
            while (queue.Count > 0 && visited < MostPagesPerRole)
            {
                var url = queue.Dequeue();
                if (visited > 0)
                {
                    // Only pages: a workbook link would start a download.
                    var head = await page.Context.APIRequest.GetAsync(url, new() { MaxRedirects = 0 });
                    if (head.Status != 200 || !(head.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    await page.GotoAsync(url);
                    failures.AddRange(await journey.FindProblemsAsync(page, Shape(url)));
                }

                visited++;
                foreach (var href in await page.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.href)"))
                {
                    if (!href.StartsWith(app.Address.ToString(), StringComparison.Ordinal) || href.Contains("/sign-out", StringComparison.Ordinal) || href.Contains('#'))
                    {
                        continue;
                    }

                    // A few of each list's pages: /templates/{a}, /templates/{b}… are one kind.
                    var shape = Shape(href);
                    var parent = shape[..Math.Max(1, shape.LastIndexOf('/'))];
                    if (seen.Add(shape) && children.GetValueOrDefault(parent) < MostPagesPerList)
                    {
                        children[parent] = children.GetValueOrDefault(parent) + 1;
                        queue.Enqueue(href);
                    }
                }
            }

            output.WriteLine($"{userName}: {journey.Checked.Count} page states checked: {string.Join(", ", journey.Checked)}");
            Assert.True(visited > 5, $"{userName} reached only {visited} page(s) by links.");
            Assert.True(failures.Count == 0, $"{failures.Count} page(s) failed:{Environment.NewLine}{string.Join(Environment.NewLine + Environment.NewLine, failures)}");
        }, $"{nameof(Every_page_a_role_reaches_by_links_passes_the_checks)}-{userName}");
    }

    /// /rounds/3f2a…/cases/ab12 → /rounds/{}/cases/{}: one page of each kind.
    private static string Shape(string url)
    {
        var uri = new Uri(url);
        var path = IdLike().Replace(uri.AbsolutePath, "/{}");
        var query = IdLike().Replace(uri.Query, "={}");
        return path + query;
    }

    [GeneratedRegex(@"[/=][0-9a-f]{8,}|[/=][^/&?]*\d[^/&?]*")]
    private static partial Regex IdLike();
}
