using System.ComponentModel.DataAnnotations;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CaseAudit.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(SecuritySetup.SignInRateLimit)]
public sealed class RecoveryCodeModel(SignInManager<CaseAuditUser> signIn, AuditTrail trail) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn") : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("SignIn");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Input.Code.Trim());
        if (result.Succeeded)
        {
            trail.Append(HttpContext.EventFor(user, user.UserName, "sign-in.succeeded", $"{user.UserName} signed in with a recovery code"));
            return LocalRedirect(SignInModel.SafeReturnUrl(returnUrl));
        }

        trail.Append(HttpContext.EventFor(user, user.UserName, "sign-in.failed", $"Recovery code refused for {user.UserName}"));
        ModelState.AddModelError("Input.Code", "That recovery code is not valid or has already been used");
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a recovery code")]
        [StringLength(40, ErrorMessage = "A recovery code is shorter than that")]
        public string Code { get; set; } = "";
    }
}
