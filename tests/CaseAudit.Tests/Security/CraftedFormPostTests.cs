using System.Diagnostics;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Tests.Pages.Moderation;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Security;

// Any request a client can send gets a 4xx with a message, or is ignored: never a 5xx. Every
// page's POST handlers, for every role, with empty, missing, duplicated, oversized fields and
// with ids from another round, agency or nowhere.
public sealed class CraftedFormPostTests
{
    private const int Oversized = 100_000;

    // Public pages (sign-in, its second steps, setup) and sign-out belong to the sign-in and
    // sessions work, and a successful sign-out would end the client's session mid-run.
    private static readonly string[] NotHere = [.. EndpointProtectionTests.Public, "sign-out"];

    private sealed record Ids(string Round, string Return, string Case, string Concern, string Action, string Reference, string User, string Agency, string Template);

    [Fact]
    public async Task No_crafted_post_to_any_page_handler_is_a_server_error()
    {
        await using var app = new CaseAuditApp();
        var grading = RoundFixture.Grading(app);
        var panel = PanelRound.Create(app);
        var draft = RoundFixture.Draft(app);
        var action = RoundFixture.PlanAction(app, grading.Round);
        var other = await app.CreateUserAsync("someone.else", [Roles.Auditor], agencyId: TestUsers.AgencyId);
        var clients = new List<(string Role, HttpClient Client, string Token)>();
        foreach (var role in new[] { Roles.Admin, Roles.Coordinator, Roles.Auditor, Roles.Board })
        {
            var client = await app.SignedInAsAsync(role);
            var token = (await client.GetDocumentAsync("/sign-out")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
            clients.Add((role, client, token));
        }

        Ids[] idSets =
        [
            new(grading.Round.Id, grading.PoliceReturn.Id, grading.Case.Id, grading.Concern.Id, action.Id, grading.Case.Reference, other.Id, TestUsers.AgencyId, "supervision"),
            new(panel.Round.Id, panel.PoliceReturn.Id, panel.Case.Id, panel.Concern.Id, action.Id, panel.Case.Reference, other.Id, TestUsers.OtherAgencyId, "supervision"),
            // Another round's case, concern and action, and the other agency's return.
            new(draft.Id, grading.HealthReturn.Id, panel.Case.Id, panel.Concern.Id, action.Id, "no-such-ref", other.Id, TestUsers.OtherAgencyId, "lived-experience"),
            new("zz-junk", "zz-junk", "zz-junk", "zz-junk", "zz-junk", "zz-junk", "zz-junk", "zz-junk", "zz-junk"),
        ];
        var junkValues = new[] { "zz-junk", grading.Round.Id, draft.Id, grading.HealthReturn.Id, panel.Case.Id, "-1", "99999999999999999999" };

        var pages = await PagesAsync(app);
        Assert.True(pages.Count > 20, $"only {pages.Count} pages found");
        var failures = new List<string>();
        var sent = 0;
        var reached = new HashSet<string>();
        var clock = Stopwatch.StartNew();

        async Task SendAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string what)
        {
            sent++;
            var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{what}: POST {url} answered {(int)response.StatusCode}");
            }
        }

        foreach (var (pattern, handlers, boundNames) in pages)
        {
            foreach (var (ids, set) in idSets.Select((ids, set) => (ids, set)))
            {
                var path = UrlFor(pattern, ids);
                foreach (var (role, client, token) in clients)
                {
                    var fieldNames = new HashSet<string>(boundNames, StringComparer.Ordinal);
                    var get = await client.GetAsync(path);
                    if (get.IsSuccessStatusCode && get.Content.Headers.ContentType?.MediaType == "text/html")
                    {
                        var page = await get.ReadDocumentAsync();
                        foreach (var name in page.QuerySelectorAll("main form [name]").Select(e => e.GetAttribute("name")!))
                        {
                            fieldNames.Add(name);
                        }
                    }

                    fieldNames.Remove("__RequestVerificationToken");
                    var names = fieldNames.Take(200).ToList();
                    var tokenField = new KeyValuePair<string, string>("__RequestVerificationToken", token);
                    foreach (var handler in handlers)
                    {
                        var url = handler is null ? path : $"{path}?handler={handler}";
                        var what = $"{role} {pattern.RawText} handler {handler ?? "(default)"}";
                        var before = failures.Count;
                        var probe = await client.PostAsync(url, new FormUrlEncodedContent([tokenField]));
                        sent++;
                        if ((int)probe.StatusCode >= 500)
                        {
                            failures.Add($"{what}: POST {url} with no fields answered {(int)probe.StatusCode}");
                        }

                        // Refused outright (403, sent to sign in, or 404 for a page these ids do not
                        // find): the handler never runs, so nothing else sent here can reach it.
                        if (probe.StatusCode is System.Net.HttpStatusCode.Forbidden
                            || (probe.StatusCode == System.Net.HttpStatusCode.NotFound && get.StatusCode == System.Net.HttpStatusCode.NotFound)
                            || probe.Headers.Location?.OriginalString.Split('?')[0].EndsWith("/sign-in", StringComparison.Ordinal) == true)
                        {
                            continue;
                        }

                        reached.Add($"{role} {pattern.RawText} {handler}");
                        await SendAsync(client, url, [tokenField, .. names.Select(n => new KeyValuePair<string, string>(n, ""))], $"{what}, every field empty");
                        await SendAsync(client, url, [tokenField, .. names.SelectMany(n => new[] { new KeyValuePair<string, string>(n, "x"), new(n, "") })], $"{what}, every field twice");
                        await SendAsync(client, url, [tokenField, .. names.Select((n, i) => new KeyValuePair<string, string>(n, junkValues[i % junkValues.Length]))], $"{what}, junk ids");
                        // Field by field only with ids that find something (bounded in time).
                        foreach (var name in set == 0 ? names : [])
                        {
                            await SendAsync(client, url, [tokenField, new(name, "a"), new(name, "b")], $"{what}, {name} duplicated");
                            await SendAsync(client, url, [tokenField, new(name, new string('x', Oversized))], $"{what}, {name} oversized");
                            if (failures.Count - before > 5)
                            {
                                break;
                            }
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} crafted posts were server errors:\n" + string.Join("\n", failures.Distinct().Take(60)));
        // Each role really reached its own handlers, so the run proves something.
        Assert.True(reached.Count >= 40, $"only {reached.Count} role × handler pairs were reached:\n{string.Join("\n", reached.Order())}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"{sent} posts took {clock.Elapsed}");
    }

    private static string UrlFor(RoutePattern pattern, Ids ids)
    {
        var text = pattern.RawText!.Trim('/');
        return "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { Name: "handler" } => "",
            RoutePatternParameterPart p => p.Name switch
            {
                "id" when text.StartsWith("returns/", StringComparison.Ordinal) => ids.Return,
                "id" when text.StartsWith("admin/users/", StringComparison.Ordinal) => ids.User,
                "id" when text.StartsWith("admin/agencies/", StringComparison.Ordinal) => ids.Agency,
                "id" when text.StartsWith("templates/", StringComparison.Ordinal) => ids.Template,
                "id" => ids.Round,
                "returnId" => ids.Return,
                // Every fixture round is on the supervision template; a junk id finds no section.
                "sectionId" => ids.Template == "zz-junk" ? "zz-junk" : "spotting-drift",
                "caseId" => ids.Case,
                "concernId" => ids.Concern,
                "actionId" => ids.Action,
                "reference" => Uri.EscapeDataString(ids.Reference),
                _ => "zz-junk",
            },
            _ => "",
        }))).Where(s => s.Length > 0));
    }

    // Each page's route, its POST handlers (null: the default one) and the names it binds.
    private static async Task<List<(RoutePattern Pattern, List<string?> Handlers, List<string> Bound)>> PagesAsync(CaseAuditApp app)
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var pages = new List<(RoutePattern, List<string?>, List<string>)>();
        foreach (var endpoint in EndpointProtectionTests.Endpoints(app))
        {
            if (NotHere.Contains(endpoint.RoutePattern.RawText?.Trim('/'))
                || endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor)
            {
                continue;
            }

            var compiled = descriptor as CompiledPageActionDescriptor ?? await loader.LoadAsync(descriptor, endpoint.Metadata);
            var posts = compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, HttpMethods.Post, StringComparison.OrdinalIgnoreCase)).ToList();
            if (posts.Count == 0)
            {
                continue;
            }

            var bound = compiled.BoundProperties.Select(p => p.BindingInfo?.BinderModelName ?? p.Name)
                .Concat(posts.SelectMany(h => h.Parameters.Select(p => p.BindingInfo?.BinderModelName ?? p.Name)))
                .Distinct().ToList();
            pages.Add((endpoint.RoutePattern, posts.Select(h => h.Name).Distinct().ToList(), bound));
        }

        return pages;
    }
}
