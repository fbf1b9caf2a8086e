using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CaseAudit.Web.Security;

/// Before anything else a signed-in person must replace a temporary password, then (Admins
/// and Coordinators) set up an authenticator app. Checked on the server for every page, so
/// no other page can be reached first, by link or by typed URL.
public sealed class AccountGateFilter(UserManager<CaseAuditUser> users, SecuritySettings settings) : IAsyncPageFilter
{
    public const string ChangePasswordPath = "/account/change-password";
    public const string AuthenticatorPath = "/account/authenticator";
    private static readonly string[] AlwaysOpen = ["/sign-out", "/error"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true || AlwaysOpen.Any(p => http.Request.Path.StartsWithSegments(p)))
        {
            await next();
            return;
        }

        var user = await users.GetUserAsync(http.User);
        var gate = user switch
        {
            { MustChangePassword: true } => ChangePasswordPath,
            { TwoFactorEnabled: false } when settings.MfaRequiredFor(user) => AuthenticatorPath,
            _ => null,
        };

        if (gate is null || http.Request.Path.StartsWithSegments(gate))
        {
            await next();
            return;
        }

        context.Result = new RedirectResult(gate);
    }
}
