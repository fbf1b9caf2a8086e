using System.Net;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Security;

public sealed class SignInRateLimitTests
{
    private const string Proxy = "10.0.0.2";

    // The test server has no network peer; this stands in for the TCP connection's address.
    private const string PeerHeader = "X-Test-Peer";

    private static CaseAuditApp App(Dictionary<string, string> settings, string environment = "Testing") =>
        new(environment: environment, settings: settings, services: s => s.AddSingleton<IStartupFilter, PeerAddressFilter>());

    private static HttpClient Client(CaseAuditApp app, string peer, string? forwardedFor = null, string baseAddress = "https://localhost")
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(PeerHeader, peer);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        return client;
    }

    [Fact]
    public async Task Two_people_behind_the_known_proxy_are_limited_separately()
    {
        await using var app = App(new() { ["CaseAudit:KnownProxies"] = Proxy, ["CaseAudit:SignInAttemptsPerClientPerMinute"] = "4" });
        await app.CreateUserAsync("pat.police", [Roles.Auditor]);
        var first = Client(app, Proxy, "198.51.100.1");
        var second = Client(app, Proxy, "198.51.100.2");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await first.PostSignInAsync($"guess{i}", "guessing password")).StatusCode);
        }

        Assert.All(statuses.Take(4), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[4]);
        Assert.Equal(HttpStatusCode.OK, (await second.PostSignInAsync("someone", "guessing password")).StatusCode);
        var entries = app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "sign-in.failed", Take = 100 });
        Assert.Contains(entries, e => e.ActorName == "someone" && e.IpAddress == "198.51.100.2");
    }

    [Fact]
    public async Task X_Forwarded_For_from_an_address_that_is_not_the_known_proxy_is_ignored()
    {
        await using var app = App(new() { ["CaseAudit:KnownProxies"] = Proxy, ["CaseAudit:SignInAttemptsPerClientPerMinute"] = "4" });
        await app.CreateUserAsync("pat.police", [Roles.Auditor]);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await Client(app, "203.0.113.9", $"198.51.100.{i + 1}").PostSignInAsync($"guess{i}", "guessing password")).StatusCode);
        }

        Assert.All(statuses.Take(4), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[4]);
    }

    [Fact]
    public async Task Many_failures_for_one_account_do_not_stop_another_account_from_the_same_address()
    {
        await using var app = App(new()
        {
            ["CaseAudit:SignInAttemptsPerAccountPerMinute"] = "3", ["CaseAudit:SignInAttemptsPerClientPerMinute"] = "20",
        });
        await app.CreateUserAsync("pat.police", [Roles.Auditor]);
        await app.CreateUserAsync("sam.health", [Roles.Auditor], TestUsers.OtherAgencyId);
        var shared = Client(app, "192.0.2.50");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            // Spelling variants are one account: the limit is on the normalised name.
            statuses.Add((await shared.PostSignInAsync(i % 2 == 0 ? "pat.police" : " PAT.Police ", $"wrong password {i}")).StatusCode);
        }

        Assert.All(statuses.Take(3), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
        var other = await Client(app, "192.0.2.50").PostSignInAsync("sam.health", TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Equal("/", other.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData(null, "127.0.0.1", HttpStatusCode.OK)]
    [InlineData(null, "203.0.113.9", HttpStatusCode.BadRequest)]
    [InlineData(Proxy, Proxy, HttpStatusCode.OK)]
    [InlineData(Proxy, "127.0.0.1", HttpStatusCode.BadRequest)]
    public async Task X_Forwarded_Proto_is_believed_only_from_the_known_proxy(string? knownProxies, string peer, HttpStatusCode expected)
    {
        var settings = knownProxies is null ? new Dictionary<string, string>() : new() { ["CaseAudit:KnownProxies"] = knownProxies };
        await using var app = App(settings, environment: "Production");
        var client = Client(app, peer, baseAddress: "http://localhost");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        Assert.Equal(expected, (await client.GetAsync("/setup")).StatusCode);
    }

    private sealed class PeerAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate following) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }

                return following(context);
            });
            next(app);
        };
    }
}
