using System.Net;
using AngleSharp.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Demo;

/// Every page a new user reaches from the demo answers, for the people the README lists.
public sealed class DemoJourneyTests
{
    private static async Task<HttpClient> DemoSignInAsync(CaseAuditApp app, string userName)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });
        var response = await client.PostSignInAsync(userName, DemoPartnership.Password);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        return client;
    }

    [Fact]
    public async Task The_demo_coordinator_and_auditors_can_open_every_round_and_return_page()
    {
        await using var app = new CaseAuditApp(environment: "Development", settings: new() { ["CaseAudit:RequireMfa"] = "false" });
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var failures = new List<string>();
        async Task Visit(HttpClient client, string url)
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var body = await response.Content.ReadAsStringAsync();
                var at = body.IndexOf("Exception", StringComparison.Ordinal);
                failures.Add($"{url}: {(int)response.StatusCode} {response.Headers.Location} {(at < 0 ? "" : body.Substring(at, Math.Min(400, body.Length - at)))}");
            }
        }

        var coordinator = await DemoSignInAsync(app, "demo.coordinator");
        await Visit(coordinator, "/");
        await Visit(coordinator, "/rounds");
        foreach (var round in store.Rounds.FindAll().ToList())
        {
            await Visit(coordinator, $"/rounds/{round.Id}");
            foreach (var ret in store.Returns.Find(r => r.RoundId == round.Id).ToList())
            {
                await Visit(coordinator, $"/rounds/{round.Id}/returns/{ret.Id}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var home = await coordinator.GetDocumentAsync("/");
        Assert.NotEmpty(home.QuerySelectorAll("[id^=concern-]"));

        foreach (var auditor in DemoPartnership.People.Where(p => p.AgencyId is not null))
        {
            var client = await DemoSignInAsync(app, auditor.UserName);
            await Visit(client, "/returns");
            foreach (var ret in store.Returns.Find(r => r.AgencyId == auditor.AgencyId).ToList())
            {
                await Visit(client, $"/returns/{ret.Id}/check");
                await Visit(client, $"/returns/{ret.Id}/concern");
            }

            var tasks = await client.GetDocumentAsync("/returns");
            Assert.Contains("completed", tasks.QuerySelector("main")!.TextContent);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
