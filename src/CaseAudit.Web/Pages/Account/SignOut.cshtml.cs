using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Account;

// Signing out is a POST (with the antiforgery token), so a link or image elsewhere cannot do it.
[Authorize(Policy = Policies.SignedIn)]
public sealed class SignOutModel(SignInManager<CaseAuditUser> signIn, AuditTrail trail) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        trail.Append(HttpContext.Event("sign-out", $"{User.Identity!.Name} signed out"));
        await signIn.SignOutAsync();
        return RedirectToPage("SignIn", new { signedOut = true });
    }
}
