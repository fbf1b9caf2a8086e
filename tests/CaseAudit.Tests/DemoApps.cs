using System.Net;
using CaseAudit.Web.Demo;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CaseAudit.Tests;

/// An app seeded with the Development demo partnership, and its people signed in as a new user
/// would sign in: over plain http (Development serves no certificate) with two-factor off.
public static class DemoApps
{
    public static CaseAuditApp New() => new(environment: "Development", settings: new() { ["CaseAudit:RequireMfa"] = "false" });

    /// baseAddress: where a real (Kestrel) server listens; the test server needs none.
    public static async Task<HttpClient> SignInAsDemoAsync(this CaseAuditApp app, string userName, Uri? baseAddress = null)
    {
        // The factory's client follows redirects over a real socket whatever its options say.
        var client = baseAddress is null
            ? app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false })
            : new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostSignInAsync(userName, DemoPartnership.Password)).StatusCode);
        return client;
    }
}
