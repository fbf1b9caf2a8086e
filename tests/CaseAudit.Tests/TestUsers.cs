using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace CaseAudit.Tests;

/// People for tests, created through the app's own UserManager, and clients signed in through
/// the real sign-in forms (password, then authenticator code where the role needs one).
public static class TestUsers
{
    public const string Password = "correct horse battery staple";
    public const string AgencyId = "police";
    public const string OtherAgencyId = "health";

    public static async Task<CaseAuditUser> CreateUserAsync(this CaseAuditApp app, string userName, string[] roles,
        string? agencyId = null, bool authenticator = false, bool mustChangePassword = false)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CaseAuditUser>>();
        var store = scope.ServiceProvider.GetRequiredService<CaseAuditStore>();
        agencyId ??= roles.Contains(Roles.Auditor) ? AgencyId : null;
        if (agencyId is not null && store.Agencies.FindById(agencyId) is null)
        {
            store.Agencies.Insert(new Agency { Id = agencyId, Name = $"Northshire {agencyId}", ShortName = agencyId });
        }

        var user = new CaseAuditUser { UserName = userName, DisplayName = $"Test {userName}", AgencyId = agencyId, MustChangePassword = mustChangePassword };
        Succeeded(await users.CreateAsync(user, Password));
        foreach (var role in roles)
        {
            Succeeded(await users.AddToRoleAsync(user, role));
        }

        if (authenticator || roles.Any(r => r is Roles.Admin or Roles.Coordinator))
        {
            Succeeded(await users.ResetAuthenticatorKeyAsync(user));
            Succeeded(await users.SetTwoFactorEnabledAsync(user, true));
        }

        return (await users.FindByIdAsync(user.Id))!;
    }

    /// The current authenticator code for a user, as their phone would show it.
    public static async Task<string> CurrentCodeAsync(this CaseAuditApp app, CaseAuditUser user)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CaseAuditUser>>();
        var key = await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(user.Id))!);
        return new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();
    }

    /// A client signed in as a new user holding the given role(s).
    public static async Task<HttpClient> SignedInAsAsync(this CaseAuditApp app, params string[] roles)
    {
        var user = await app.CreateUserAsync($"{string.Join("-", roles).ToLowerInvariant()}-{Guid.NewGuid():N}"[..30], roles);
        return await app.SignInAsync(user);
    }

    public static async Task<HttpClient> SignInAsync(this CaseAuditApp app, CaseAuditUser user, string password = Password)
    {
        var client = app.CreateClient();
        var response = await client.PostSignInAsync(user.UserName, password);
        if (response.Headers.Location?.OriginalString.StartsWith("/sign-in/two-factor", StringComparison.Ordinal) == true)
        {
            var form = (await client.GetDocumentAsync(response.Headers.Location.OriginalString)).QuerySelector<IHtmlFormElement>("main form")!;
            response = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Code"] = await app.CurrentCodeAsync(user) });
        }

        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith("/sign-in", StringComparison.Ordinal) == false,
            $"{user.UserName} could not sign in: {(int)response.StatusCode} {response.Headers.Location}");
        return client;
    }

    public static async Task<HttpResponseMessage> PostSignInAsync(this HttpClient client, string userName, string password, string returnUrl = "/")
    {
        var form = (await client.GetDocumentAsync("/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl))).QuerySelector<IHtmlFormElement>("main form")!;
        return await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });
    }

    private static void Succeeded(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}
