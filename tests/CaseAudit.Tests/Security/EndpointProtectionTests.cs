using System.Net;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Security;

public sealed class EndpointProtectionTests
{
    // The only pages a person who is not signed in may reach; static assets are served before
    // routing and are not endpoints.
    public static readonly string[] Public = ["sign-in", "sign-in/two-factor", "sign-in/recovery-code", "setup", "health", "error"];

    internal static IReadOnlyList<RouteEndpoint> Endpoints(CaseAuditApp app) =>
        app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .GroupBy(e => e.RoutePattern.RawText).Select(g => g.First())
            .ToList();

    internal static string UrlFor(RouteEndpoint endpoint) =>
        "/" + string.Join("/", endpoint.RoutePattern.PathSegments
            .Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { IsOptional: true } => "",
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "some-id",
                _ => "",
            })))
            .Where(s => s.Length > 0));

    [Fact]
    public async Task Every_endpoint_but_the_public_few_sends_an_anonymous_visitor_to_sign_in()
    {
        await using var app = new CaseAuditApp();
        await app.CreateUserAsync("someone", [Roles.Board]);
        var client = app.CreateClient();
        var endpoints = Endpoints(app);
        Assert.True(endpoints.Count > 10, $"only {endpoints.Count} endpoints found");

        foreach (var endpoint in endpoints.Where(e => !Public.Contains(e.RoutePattern.RawText?.Trim('/'))))
        {
            var url = UrlFor(endpoint);
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = method == HttpMethod.Post ? new FormUrlEncodedContent([]) : null });
                Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/sign-in",
                    $"{method} {url} answered {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
    }

    [Fact]
    public async Task The_public_endpoints_answer_an_anonymous_visitor()
    {
        await using var app = new CaseAuditApp();
        await app.CreateUserAsync("someone", [Roles.Board]);
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/sign-in")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup")).StatusCode);
        // Without a correct password first, the second-step pages send the visitor back.
        Assert.Equal("/sign-in", (await client.GetAsync("/sign-in/two-factor")).Headers.Location!.OriginalString);
        Assert.Equal("/sign-in", (await client.GetAsync("/sign-in/recovery-code")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Every_page_declares_who_may_use_it()
    {
        await using var app = new CaseAuditApp();

        var pages = Endpoints(app).Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null
            || e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>() is not null).ToList();

        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            var anonymous = page.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = page.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            Assert.True(anonymous ? Public.Contains(page.RoutePattern.RawText?.Trim('/')) : policies.Any(p => p is { Length: > 0 }),
                $"{page.RoutePattern.RawText} must carry [Authorize(Policy = ...)] or be a listed public page");
        }
    }
}
