using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Account;

/// The second step of signing in (an authenticator code or a recovery code). Reached only after
/// a correct password: Identity's two-factor cookie says whose code this is. Both kinds of code
/// follow the same flow and are audited the same way; only the check and the wording differ.
public abstract class SecondStepPage(SignInManager<CaseAuditUser> signIn, AuditTrail trail) : PageModel
{
    public string ReturnUrl { get; private set; } = "/";

    protected abstract string Code { get; }

    /// How the code was used, for the audit trail ("an authenticator code").
    protected abstract string Kind { get; }

    protected abstract string Refused { get; }

    protected abstract Task<Microsoft.AspNetCore.Identity.SignInResult> SignInWithAsync(SignInManager<CaseAuditUser> manager, string code);

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        ReturnUrl = SignInModel.SafeReturnUrl(returnUrl);
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn") : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl, [FromServices] SignInRecords records, [FromServices] AccountSignInLimiter accountLimit)
    {
        ReturnUrl = SignInModel.SafeReturnUrl(returnUrl);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("SignIn");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The same per-account bucket as the password step, so codes cannot be guessed faster.
        if (!accountLimit.TryAttempt(user.NormalizedUserName))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var result = await SignInWithAsync(signIn, Code);
        if (result.Succeeded)
        {
            await records.RecordAsync(user);
            await trail.AppendAsync(HttpContext.EventFor(user, user.UserName, "sign-in.succeeded", $"{user.UserName} signed in with {Kind}"));
            return LocalRedirect(ReturnUrl);
        }

        var what = Kind[(Kind.IndexOf(' ') + 1)..]; // "an authenticator code" -> "authenticator code"
        await trail.AppendAsync(HttpContext.EventFor(user, user.UserName, "sign-in.failed",
            $"{char.ToUpperInvariant(what[0])}{what[1..]} refused for {user.UserName}{(result.IsLockedOut ? " (account locked)" : "")}"));
        ModelState.AddModelError("Input.Code", Refused);
        return Page();
    }
}
