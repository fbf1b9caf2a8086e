using System.Net;
using CaseAudit.Web.Demo;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CaseAudit.Tests;

/// An app seeded with the Development demo partnership, and its people signed in as a new user
/// would sign in: over plain http (Development serves no certificate) with two-factor off.
public static class DemoApps
{
    public static CaseAuditApp New() => new(environment: "Development", settings: new() { ["CaseAudit:RequireMfa"] = "false" });

    public static async Task<HttpClient> SignInAsDemoAsync(this CaseAuditApp app, string userName)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostSignInAsync(userName, DemoPartnership.Password)).StatusCode);
        return client;
    }
}
