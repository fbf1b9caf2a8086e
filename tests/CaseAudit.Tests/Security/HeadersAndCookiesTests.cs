using System.Net;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace CaseAudit.Tests.Security;

public sealed class HeadersAndCookiesTests
{
    [Fact]
    public async Task Every_page_carries_the_security_headers_and_is_never_cached()
    {
        await using var app = new CaseAuditApp();
        var client = await app.SignedInAsAsync(Roles.Auditor);

        foreach (var url in new[] { "/", "/templates", "/sign-in", "/no-such-page" })
        {
            var response = await client.GetAsync(url);
            var headers = response.Headers;
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, headers.GetValues("Content-Security-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy);
            Assert.DoesNotContain("unsafe-inline", SecurityHeaders.ContentSecurityPolicy);
            Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", headers.GetValues("Referrer-Policy").Single());
            Assert.True(headers.CacheControl?.NoStore, $"{url} must be Cache-Control: no-store");
        }
    }

    [Fact]
    public async Task Outside_development_plain_http_gets_a_clear_refusal_not_a_broken_form()
    {
        await using var app = new CaseAuditApp(environment: "Production");
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

        var setup = await http.GetAsync("/setup");

        Assert.Equal(HttpStatusCode.BadRequest, setup.StatusCode);
        Assert.Contains("must be served over HTTPS", await setup.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Static_assets_may_be_cached_but_still_carry_nosniff()
    {
        await using var app = new CaseAuditApp();

        var response = await app.CreateClient().GetAsync("/lib/govuk-frontend/govuk-frontend.min.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Production_sends_hsts_and_development_does_not()
    {
        await using var production = new CaseAuditApp(environment: "Production");
        await using var development = new CaseAuditApp(environment: "Development");

        // ASP.NET never sends HSTS to localhost, so ask as the partnership's own host name would.
        var asLive = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://caseaudit.northshire.example") };
        var live = await production.CreateClient(asLive).GetAsync("/health");
        var dev = await development.CreateClient(asLive).GetAsync("/health");

        Assert.StartsWith("max-age=", live.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(dev.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Session_and_antiforgery_cookies_are_host_only_secure_http_only_and_same_site()
    {
        await using var app = new CaseAuditApp();
        await app.CreateUserAsync("pat.police", [Roles.Auditor]);
        var client = app.CreateClient();

        var form = await client.GetAsync("/sign-in");
        var antiforgery = SetCookies(form).Single(c => c.Name.Value!.StartsWith("__Host-CaseAudit-Antiforgery", StringComparison.Ordinal));
        var signIn = await client.PostSignInAsync("pat.police", TestUsers.Password);
        var session = SetCookies(signIn).Single(c => c.Name == "__Host-CaseAudit");

        foreach (var cookie in new[] { antiforgery, session })
        {
            Assert.True(cookie.Secure, $"{cookie.Name} must be Secure");
            Assert.True(cookie.HttpOnly, $"{cookie.Name} must be HttpOnly");
            Assert.Equal("/", cookie.Path.Value);
            Assert.Null(cookie.Domain.Value);
        }

        Assert.Equal(SameSiteMode.Strict, antiforgery.SameSite);
        Assert.Equal(SameSiteMode.Lax, session.SameSite);
        Assert.Null(session.Expires); // a session cookie: closing the browser ends it
    }

    [Fact]
    public async Task A_session_ends_after_30_idle_minutes()
    {
        await using var app = new CaseAuditApp();
        var client = await app.SignedInAsAsync(Roles.Auditor);

        app.Clock.Offset = TimeSpan.FromMinutes(29);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/templates")).StatusCode);
        app.Clock.Offset += TimeSpan.FromMinutes(31);

        Assert.Contains("/sign-in", (await client.GetAsync("/templates")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_active_session_still_ends_8_hours_after_sign_in()
    {
        await using var app = new CaseAuditApp();
        var client = await app.SignedInAsAsync(Roles.Auditor);
        var statuses = new List<(TimeSpan At, HttpStatusCode Status)>();

        for (var at = TimeSpan.FromMinutes(20); at <= TimeSpan.FromHours(9); at += TimeSpan.FromMinutes(20))
        {
            app.Clock.Offset = at;
            statuses.Add((at, (await client.GetAsync("/templates")).StatusCode));
        }

        Assert.All(statuses.Where(s => s.At < TimeSpan.FromHours(8)), s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.All(statuses.Where(s => s.At > TimeSpan.FromHours(8)), s => Assert.Equal(HttpStatusCode.Redirect, s.Status));
    }

    [Fact]
    public async Task A_production_error_shows_no_stack_trace()
    {
        await using var app = new CaseAuditApp(environment: "Production");
        var client = await app.SignedInAsAsync(Roles.Auditor);
        // A stored version that no longer reads is impossible through the app; planted here
        // to make a page fail.
        app.Services.GetRequiredService<CaseAuditStore>().TemplateVersions.Insert(new StoredTemplateVersion
        {
            Id = "broken@1.0", TemplateId = "broken", Version = "1.0", Title = "Broken", Yaml = "not: [a template",
        });

        var response = await client.GetAsync("/templates/broken");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Sorry, there is a problem with the service", body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain(" at ", body);
    }

    private static IList<SetCookieHeaderValue> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? SetCookieHeaderValue.ParseList(values.ToList()) : [];
}
