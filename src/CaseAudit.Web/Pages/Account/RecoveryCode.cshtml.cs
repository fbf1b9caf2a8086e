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
public sealed class RecoveryCodeModel(SignInManager<CaseAuditUser> signIn, AuditTrail trail) : SecondStepPage(signIn, trail)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    protected override string Code => Input.Code.Trim();

    protected override string Kind => "a recovery code";

    protected override string Refused => "That recovery code is not valid or has already been used";

    protected override Task<Microsoft.AspNetCore.Identity.SignInResult> SignInWithAsync(SignInManager<CaseAuditUser> manager, string code) => manager.TwoFactorRecoveryCodeSignInAsync(code);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a recovery code")]
        [StringLength(40, ErrorMessage = "A recovery code is shorter than that")]
        public string Code { get; set; } = "";
    }
}
