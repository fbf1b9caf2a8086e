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
public sealed class SignInModel(SignInManager<CaseAuditUser> signIn, UserManager<CaseAuditUser> users, AuditTrail trail) : PageModel
{
    // One message for every failure, so the page never tells a guesser which part was wrong
    // or that an account exists, is locked or is deactivated.
    public const string Failure = "Enter a correct user name and password. After 5 wrong attempts an account is locked for 15 minutes.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public bool SignedOut { get; private set; }

    public void OnGet(string? returnUrl, bool signedOut = false)
    {
        ReturnUrl = returnUrl;
        SignedOut = signedOut;
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByNameAsync(Input.UserName.Trim());
        var wasLocked = user is not null && await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            trail.Append(HttpContext.EventFor(user, Input.UserName, "sign-in.succeeded", $"{user!.UserName} signed in"));
            await RecordSignInAsync(user);
            return LocalRedirect(SafeReturnUrl(returnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("TwoFactor", new { returnUrl });
        }

        var reason = result.IsLockedOut ? "account locked" : result.IsNotAllowed ? "account deactivated" : user is null ? "no such user" : "wrong password";
        trail.Append(HttpContext.EventFor(user, Input.UserName, "sign-in.failed", $"Sign-in refused for '{Input.UserName}': {reason}"));
        if (user is not null && result.IsLockedOut && !wasLocked)
        {
            trail.Append(HttpContext.EventFor(user, Input.UserName, "account.locked-out", $"{user.UserName} locked out for 15 minutes after 5 failed sign-ins"));
        }

        ModelState.AddModelError("Input.UserName", Failure);
        return Page();
    }

    private async Task RecordSignInAsync(CaseAuditUser user)
    {
        // Sign-in itself saved the user (failed-attempt count reset), so load the fresh copy.
        if (await users.FindByIdAsync(user.Id) is { } fresh)
        {
            fresh.LastSignInAt = DateTime.UtcNow;
            await users.UpdateAsync(fresh);
        }
    }

    internal static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 1 } && returnUrl[0] == '/' && returnUrl[1] is not '/' and not '\\' ? returnUrl : "/";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your user name")]
        [StringLength(100, ErrorMessage = "User name must be 100 characters or fewer")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter your password")]
        [StringLength(200, ErrorMessage = "Password must be 200 characters or fewer")]
        public string Password { get; set; } = "";
    }
}
