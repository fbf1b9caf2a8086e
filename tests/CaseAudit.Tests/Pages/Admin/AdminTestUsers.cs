using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace CaseAudit.Tests.Pages.Admin;

// Users made straight through the app's own services (so UserManager's rules apply), and
// clients signed in through the real sign-in pages, two-factor included.
public static class AdminTestUsers
{
    public const string Password = "correct horse battery staple";

    public static async Task<CaseAuditUser> AddUserAsync(this CaseAuditApp app, string userName, string[] roles, string? agencyId = null,
        string displayName = "Test User", bool twoFactor = false)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CaseAuditUser>>();
        var user = new CaseAuditUser { UserName = userName, DisplayName = displayName, AgencyId = agencyId, Roles = [.. roles], MustChangePassword = false };
        Succeeded(await users.CreateAsync(user, Password));
        if (twoFactor)
        {
            Succeeded(await users.ResetAuthenticatorKeyAsync(user));
            Succeeded(await users.SetTwoFactorEnabledAsync(user, true));
        }

        return (await users.FindByIdAsync(user.Id))!;
    }

    // Admins and Coordinators must have two-factor set up, or the account gate sends them to set it up.
    public static Task<CaseAuditUser> AddAdminAsync(this CaseAuditApp app, string userName = "ada.admin", string displayName = "Ada Admin") =>
        app.AddUserAsync(userName, [Roles.Admin], displayName: displayName, twoFactor: true);

    public static Agency AddAgency(this CaseAuditApp app, string id, string name, string shortName, bool active = true)
    {
        var agency = new Agency { Id = id, Name = name, ShortName = shortName, Active = active };
        app.Services.GetRequiredService<CaseAuditStore>().Agencies.Insert(agency);
        return agency;
    }

    public static CaseAuditUser? FindUser(this CaseAuditApp app, string userName) =>
        app.Services.GetRequiredService<CaseAuditStore>().Users.FindOne(u => u.UserName == userName);

    public static IReadOnlyList<AuditEntry> Trail(this CaseAuditApp app, string type) =>
        app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = type, Take = 1000 });

    // The auth cookies are __Host- Secure cookies, which only an https client sends back.
    public static HttpClient CreateHttpsClient(this CaseAuditApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    public static async Task<HttpClient> SignInAsAsync(this CaseAuditApp app, string userName, string password = Password)
    {
        var client = app.CreateHttpsClient();
        var response = await client.SubmitSignInAsync(userName, password);
        if (response.Headers.Location?.OriginalString.StartsWith("/sign-in/two-factor", StringComparison.Ordinal) == true)
        {
            var page = await client.GetDocumentAsync(response.Headers.Location.OriginalString);
            var key = app.FindUser(userName)!.AuthenticatorKey!;
            var code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();
            response = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.Code"] = code });
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        return client;
    }

    // The response to submitting the sign-in form, for tests that expect a refusal.
    public static async Task<HttpResponseMessage> SubmitSignInAsync(this HttpClient client, string userName, string password = Password)
    {
        var page = await client.GetDocumentAsync("/sign-in");
        return await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!,
            new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });
    }

    public static async Task<(CaseAuditApp App, HttpClient Client, CaseAuditUser Admin)> SignedInAdminAsync()
    {
        var app = new CaseAuditApp();
        var admin = await app.AddAdminAsync();
        return (app, await app.SignInAsAsync(admin.UserName), admin);
    }

    // A form's action made absolute: Html.SubmitAsync reads it with new Uri(...), which on Linux
    // takes a relative "/path?query" for a file path and drops the query (the handler name).
    public static IHtmlFormElement Form(this IHtmlDocument page, string selector = "main form")
    {
        var form = page.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"No form matches '{selector}'.");
        if (form.GetAttribute("action") is { Length: > 0 } action && action.StartsWith('/'))
        {
            form.SetAttribute("action", new Uri(new Uri(page.Url), action).ToString());
        }

        return form;
    }

    private static void Succeeded(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Code}: {e.Description}")));
}
