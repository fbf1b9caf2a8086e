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

// Reached only after a correct password: Identity's two-factor cookie says whose code this is.
[AllowAnonymous]
[EnableRateLimiting(SecuritySetup.SignInRateLimit)]
public sealed class TwoFactorModel(SignInManager<CaseAuditUser> signIn, AuditTrail trail) : SecondStepPage(signIn, trail)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    protected override string Code => Input.Code.Replace(" ", "").Replace("-", "");

    protected override string Kind => "an authenticator code";

    protected override string Refused => "Enter the current 6-digit code from your authenticator app. After 5 wrong codes the account is locked for 15 minutes.";

    protected override Task<Microsoft.AspNetCore.Identity.SignInResult> SignInWithAsync(SignInManager<CaseAuditUser> manager, string code) => manager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app")]
        [RegularExpression(@"^\s*\d{3}[\s-]?\d{3}\s*$", ErrorMessage = "The code must be 6 digits, like 123456")]
        public string Code { get; set; } = "";
    }
}
