using System.ComponentModel.DataAnnotations;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Account;

[Authorize(Policy = Policies.SignedIn)]
public sealed class AuthenticatorModel(UserManager<CaseAuditUser> users, SignInManager<CaseAuditUser> signIn, SecuritySettings settings) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Enabled { get; private set; }

    public bool Required { get; private set; }

    public string FormattedKey { get; private set; } = "";

    public string QrSvg { get; private set; } = "";

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        return user is null ? Challenge() : await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(user);
        }

        var code = Input.Code.Replace(" ", "").Replace("-", "");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", "The code is not right. Enter the code the app shows now (it changes every 30 seconds)");
            return await ShowAsync(user);
        }

        // Enabled and the recovery codes are one save, with its audit entry.
        user.TwoFactorEnabled = true;
        user.AuditWithNextSave.Add(HttpContext.Event("mfa.enrolled", $"{user.UserName} set up an authenticator app", AuditActor.UserSubject(user)));
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await signIn.RefreshSignInAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        user.TwoFactorEnabled = false;
        user.AuditWithNextSave.Add(HttpContext.Event("mfa.reset", $"{user.UserName} started setting up a new authenticator app", AuditActor.UserSubject(user)));
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAsync(CaseAuditUser user)
    {
        Enabled = user.TwoFactorEnabled;
        Required = settings.MfaRequiredFor(user);
        if (!Enabled)
        {
            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                // A new key changes the security stamp; refresh this session's cookie so only
                // the person's other sessions are signed out.
                await users.ResetAuthenticatorKeyAsync(user);
                await signIn.RefreshSignInAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);
            }

            FormattedKey = AuthenticatorUri.FormatKey(key!);
            QrSvg = AuthenticatorUri.QrSvg(AuthenticatorUri.For(user.UserName, key!));
        }

        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app")]
        [RegularExpression(@"^\s*\d{3}[\s-]?\d{3}\s*$", ErrorMessage = "The code must be 6 digits, like 123456")]
        public string Code { get; set; } = "";
    }
}
