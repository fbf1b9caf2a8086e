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

    public string ReturnUrl { get; private set; } = "/";

    public bool SignedOut { get; private set; }

    public void OnGet(string? returnUrl, bool signedOut = false)
    {
        ReturnUrl = SafeReturnUrl(returnUrl);
        SignedOut = signedOut;
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl, [FromServices] SignInRecords records, [FromServices] AccountSignInLimiter accountLimit)
    {
        ReturnUrl = SafeReturnUrl(returnUrl);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!accountLimit.TryAttempt(users.NormalizeName(Input.UserName.Trim()) ?? ""))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var user = await users.FindByNameAsync(Input.UserName.Trim());
        var wasLocked = user is not null && await users.IsLockedOutAsync(user);
        if (user is null || !user.Active || wasLocked)
        {
            // Identity refuses these without hashing anything; see DummyPasswordCheck.
            DummyPasswordCheck.Run(users.PasswordHasher, Input.Password);
        }

        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await records.RecordAsync(user!);
            await trail.AppendAsync(HttpContext.EventFor(user, Input.UserName, "sign-in.succeeded", $"{user!.UserName} signed in"));
            return LocalRedirect(ReturnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("TwoFactor", new { returnUrl = ReturnUrl });
        }

        var reason = result.IsLockedOut ? "account locked" : result.IsNotAllowed ? "account deactivated" : user is null ? "no such user" : "wrong password";
        await trail.AppendAsync(HttpContext.EventFor(user, Input.UserName, "sign-in.failed", $"Sign-in refused for '{Input.UserName}': {reason}"));
        if (user is not null && result.IsLockedOut && !wasLocked)
        {
            await trail.AppendAsync(HttpContext.EventFor(user, Input.UserName, "account.locked-out", $"{user.UserName} locked out for 15 minutes after 5 failed sign-ins"));
        }

        ModelState.AddModelError("Input.UserName", Failure);
        return Page();
    }

    // LocalRedirect refuses a control character and throws, which turned a correct sign-in into a
    // 500 after it had been audited; whitespace has no place in our own addresses either. So
    // anything but a plain path on this site counts as no return address at all.
    internal static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/'
            && (returnUrl.Length == 1 || returnUrl[1] is not '/' and not '\\')
            && !returnUrl.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            ? returnUrl
            : "/";

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
