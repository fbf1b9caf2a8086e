using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Account;

// Signing out is a POST (with the antiforgery token), so a link or image elsewhere cannot do it.
[Authorize(Policy = Policies.SignedIn)]
public sealed class SignOutModel(SignInManager<CaseAuditUser> signIn, AuditTrail trail, SessionRevocations sessions) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Deleting the browser's cookie is not enough: a copy of it would still be accepted.
        var session = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var signedOut = HttpContext.Event("sign-out", $"{User.Identity!.Name} signed out");
        if (session.Properties?.Items.TryGetValue(SessionRevocations.SessionKey, out var id) == true && id is not null)
        {
            await sessions.RevokeAsync(id, signedOut);
        }
        else
        {
            await trail.AppendAsync(signedOut);
        }

        await signIn.SignOutAsync();
        return RedirectToPage("SignIn", new { signedOut = true });
    }
}
