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

// Open to anyone only while the data file has no users at all; afterwards it does not exist (404).
[AllowAnonymous]
[EnableRateLimiting(SecuritySetup.SignInRateLimit)]
public sealed class SetupModel(CaseAuditStore store, UserManager<CaseAuditUser> users, SignInManager<CaseAuditUser> signIn) : PageModel
{
    // Two people submitting setup at once must not both become the first Admin.
    private static readonly SemaphoreSlim FirstUser = new(1, 1);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IActionResult OnGet() => store.Users.Count() > 0 ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (store.Users.Count() > 0)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await FirstUser.WaitAsync();
        try
        {
            if (store.Users.Count() > 0)
            {
                return NotFound();
            }

            var admin = new CaseAuditUser { UserName = Input.UserName.Trim(), DisplayName = Input.DisplayName.Trim(), Roles = [Roles.Admin] };
            admin.AuditWithNextSave.Add(HttpContext.EventFor(admin, admin.UserName, "user.created", $"First administrator {admin.UserName} created at setup",
                new { admin.UserName, admin.DisplayName, admin.Roles }));
            var result = await users.CreateAsync(admin, Input.Password);
            if (!result.Succeeded)
            {
                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.UserName", error.Description);
                }

                return Page();
            }

            await signIn.SignInAsync(admin, isPersistent: false);
            return LocalRedirect("/");
        }
        finally
        {
            FirstUser.Release();
        }
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a user name")]
        [RegularExpression(UserNames.Pattern, ErrorMessage = UserNames.Rule)]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter the administrator's full name")]
        [StringLength(100, ErrorMessage = "Full name must be 100 characters or fewer")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter a password")]
        [StringLength(200, ErrorMessage = "Password must be 200 characters or fewer")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Confirm the password")]
        [Compare(nameof(Password), ErrorMessage = "The passwords do not match")]
        public string ConfirmPassword { get; set; } = "";
    }
}
