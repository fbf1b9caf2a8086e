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
public sealed class ChangePasswordModel(UserManager<CaseAuditUser> users, SignInManager<CaseAuditUser> signIn) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Required { get; private set; }

    public async Task OnGetAsync() => Required = (await users.GetUserAsync(User))?.MustChangePassword == true;

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Required = user.MustChangePassword;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (Input.NewPassword == Input.CurrentPassword)
        {
            ModelState.AddModelError("Input.NewPassword", "Your new password must be different from your current password");
            return Page();
        }

        // Changing the password also changes the security stamp, which signs out the person's
        // other sessions on their next request.
        // The new password, the end of the temporary one and the audit entry are one save.
        user.MustChangePassword = false;
        user.AuditWithNextSave.Add(HttpContext.Event("password.changed", $"{user.UserName} changed their password", AuditActor.UserSubject(user)));
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Input.CurrentPassword" : "Input.NewPassword",
                    error.Code == "PasswordMismatch" ? "Your current password is not correct" : error.Description);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        TempData["Done"] = "Your password has been changed.";
        return LocalRedirect("/");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your current password")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password")]
        [StringLength(200, ErrorMessage = "Password must be 200 characters or fewer")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Confirm your new password")]
        [Compare(nameof(NewPassword), ErrorMessage = "The passwords do not match")]
        public string ConfirmPassword { get; set; } = "";
    }
}
