using System.ComponentModel.DataAnnotations;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
public sealed class NewUserModel(CaseAuditStore store, UserManager<CaseAuditUser> users) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public void OnGet() => Agencies = UserForm.ChoosableAgencies(store);

    public async Task<IActionResult> OnPostAsync()
    {
        Agencies = UserForm.ChoosableAgencies(store);
        var roles = UserForm.CleanRoles(Input.Roles);
        Input.Roles = roles;
        var agencyId = UserForm.CheckRolesAndAgency(ModelState, roles, Input.AgencyId, Agencies);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Agency before roles: the validator refuses an Auditor without one.
        var user = new CaseAuditUser
        {
            UserName = Input.UserName.Trim(),
            DisplayName = Input.DisplayName.Trim(),
            Email = string.IsNullOrWhiteSpace(Input.Email) ? null : Input.Email.Trim(),
            AgencyId = agencyId,
            Roles = roles,
            MustChangePassword = true,
        };
        user.AuditWithNextSave.Add(HttpContext.Event("user.created", $"User {user.UserName} ({user.DisplayName}) created as {string.Join(", ", roles)}",
            AuditActor.UserSubject(user), after: new { user.UserName, user.DisplayName, user.Roles, user.AgencyId }));
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            UserForm.AddIdentityErrors(ModelState, result);
            return Page();
        }

        TempData["Done"] = $"{user.DisplayName}'s account is ready. Give them the temporary password privately: they must choose their own when they first sign in.";
        return RedirectToPage("Users");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a user name")]
        [RegularExpression(UserNames.Pattern, ErrorMessage = UserNames.Rule)]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter the user's full name")]
        [StringLength(100, ErrorMessage = "Full name must be 100 characters or fewer")]
        public string DisplayName { get; set; } = "";

        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.org")]
        [StringLength(200, ErrorMessage = "Email address must be 200 characters or fewer")]
        public string? Email { get; set; }

        public List<string> Roles { get; set; } = [];

        public string? AgencyId { get; set; }

        [Required(ErrorMessage = "Enter a temporary password")]
        [StringLength(200, ErrorMessage = "Password must be 200 characters or fewer")]
        public string Password { get; set; } = "";
    }
}
