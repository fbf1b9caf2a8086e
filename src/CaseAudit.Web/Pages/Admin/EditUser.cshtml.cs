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
public sealed class EditUserModel(CaseAuditStore store, UserManager<CaseAuditUser> users, SignInManager<CaseAuditUser> signIn) : PageModel
{
    public const string Conflict = "Someone else changed this user while you were editing. Their version is shown below; make your changes again.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public ResetInput Reset { get; set; } = new();

    public CaseAuditUser Stored { get; private set; } = null!;

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input = InputModel.From(Stored);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        OnlyValidate("Input.");
        var user = Stored;
        if (Input.ConcurrencyStamp != user.ConcurrencyStamp)
        {
            return ShowConflict();
        }

        var roles = UserForm.CleanRoles(Input.Roles);
        Input.Roles = roles;
        var agencyId = UserForm.CheckRolesAndAgency(ModelState, roles, Input.AgencyId, Agencies);
        if (user.Id == users.GetUserId(User))
        {
            // Otherwise the last Admin could lock everyone out of user management by mistake.
            if (!Input.Active)
            {
                ModelState.AddModelError("Input.Active", "You cannot deactivate your own account. Ask another administrator");
            }

            if (!roles.Contains(Roles.Admin))
            {
                ModelState.AddModelError("Input.Roles", "You cannot remove your own Admin role. Ask another administrator");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var before = UserFields.Of(user);
        user.DisplayName = Input.DisplayName.Trim();
        user.Email = string.IsNullOrWhiteSpace(Input.Email) ? null : Input.Email.Trim();
        user.Roles = roles;
        user.AgencyId = agencyId;
        user.Active = Input.Active;
        var after = UserFields.Of(user);
        var (changedBefore, changedAfter) = AuditEvent.ChangedFields(before, after);
        if (changedBefore is null)
        {
            TempData["Done"] = "No changes were made.";
            return RedirectToPage("EditUser", new { id });
        }

        var subject = AuditActor.UserSubject(user);
        user.AuditWithNextSave.Add(HttpContext.Event("user.updated", $"User {user.UserName} changed: {string.Join(", ", changedAfter!.Select(p => p.Key))}", subject, changedBefore, changedAfter));
        if (!before.Roles.SequenceEqual(after.Roles))
        {
            user.AuditWithNextSave.Add(HttpContext.Event("user.roles-changed", $"{user.UserName}'s roles changed from {Describe(before.Roles)} to {Describe(after.Roles)}",
                subject, new { before.Roles }, new { after.Roles }));
        }

        if (before.Active != after.Active)
        {
            user.AuditWithNextSave.Add(after.Active
                ? HttpContext.Event("user.reactivated", $"User {user.UserName} reactivated", subject)
                : HttpContext.Event("user.deactivated", $"User {user.UserName} deactivated; their sessions are ended", subject));
        }

        // Who may see what changed: a new security stamp makes every session of theirs fail its
        // next per-request check, so they sign in again and get claims that match.
        var accessChanged = !before.Roles.SequenceEqual(after.Roles) || before.AgencyId != after.AgencyId || before.Active != after.Active;
        var result = accessChanged ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            {
                await LoadAsync(id);
                return ShowConflict();
            }

            if (result.Errors.Any(e => e.Code == LiteDbUserStore.LastAdminCode))
            {
                ModelState.AddModelError(Input.Active ? "Input.Roles" : "Input.Active", LiteDbUserStore.LastAdmin);
                return Page();
            }

            UserForm.AddIdentityErrors(ModelState, result);
            return Page();
        }

        await RefreshIfSelfAsync(user);
        TempData["Done"] = $"{user.DisplayName}'s details are saved.";
        return RedirectToPage("EditUser", new { id });
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        OnlyValidate("Reset.");
        Input = InputModel.From(Stored);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = Stored;
        user.MustChangePassword = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        user.AuditWithNextSave.Add(HttpContext.Event("user.password-reset", $"Password reset for {user.UserName}; they must change it at next sign-in", AuditActor.UserSubject(user)));
        // The reset token route validates the new password and changes the security stamp (so the
        // old password's sessions end) in one save, along with MustChangePassword, the end of any
        // lockout and the audit entry.
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, Reset.NewPassword);
        if (!result.Succeeded)
        {
            await LoadAsync(id);
            UserForm.AddIdentityErrors(ModelState, result, "Reset.NewPassword");
            return Page();
        }

        await RefreshIfSelfAsync(user);
        TempData["Done"] = $"{user.DisplayName}'s password is reset. Give them the new temporary password privately.";
        return RedirectToPage("EditUser", new { id });
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var user = Stored;
        user.TwoFactorEnabled = false;
        user.AuditWithNextSave.Add(HttpContext.Event("user.mfa-reset", $"Two-factor reset for {user.UserName}; they must set up an authenticator app again", AuditActor.UserSubject(user)));
        // One save: two-factor off, a new key and stamp (their sessions end), and the entry.
        await users.ResetAuthenticatorKeyAsync(user);
        await RefreshIfSelfAsync(user);
        TempData["Done"] = $"{user.DisplayName}'s two-factor sign-in is reset. They will set up an authenticator app when they next sign in.";
        return RedirectToPage("EditUser", new { id });
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return false;
        }

        Stored = user;
        Agencies = UserForm.ChoosableAgencies(store, user.AgencyId);
        return true;
    }

    private PageResult ShowConflict()
    {
        // The form shows the stored version (and its stamp), not what was typed over it.
        ModelState.Clear();
        Input = InputModel.From(Stored);
        ModelState.AddModelError("", Conflict);
        return Page();
    }

    // The page has two forms, each bound to its own property; only the one posted is checked.
    private void OnlyValidate(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
    }

    // An admin changing their own account would otherwise be signed out by the new stamp.
    private async Task RefreshIfSelfAsync(CaseAuditUser user)
    {
        if (user.Id == users.GetUserId(User))
        {
            await signIn.RefreshSignInAsync(user);
        }
    }

    private static string Describe(List<string> roles) => roles.Count == 0 ? "none" : string.Join(", ", roles);

    private sealed record UserFields(string DisplayName, string? Email, List<string> Roles, string? AgencyId, bool Active)
    {
        public static UserFields Of(CaseAuditUser u) => new(u.DisplayName, u.Email, UserForm.CleanRoles(u.Roles), u.AgencyId, u.Active);
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the user's full name")]
        [StringLength(100, ErrorMessage = "Full name must be 100 characters or fewer")]
        public string DisplayName { get; set; } = "";

        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.org")]
        [StringLength(200, ErrorMessage = "Email address must be 200 characters or fewer")]
        public string? Email { get; set; }

        public List<string> Roles { get; set; } = [];

        public string? AgencyId { get; set; }

        public bool Active { get; set; } = true;

        public string ConcurrencyStamp { get; set; } = "";

        public static InputModel From(CaseAuditUser u) => new()
        {
            DisplayName = u.DisplayName,
            Email = u.Email,
            Roles = [.. u.Roles],
            AgencyId = u.AgencyId,
            Active = u.Active,
            ConcurrencyStamp = u.ConcurrencyStamp,
        };
    }

    public sealed class ResetInput
    {
        [Required(ErrorMessage = "Enter a new temporary password")]
        [StringLength(200, ErrorMessage = "Password must be 200 characters or fewer")]
        public string NewPassword { get; set; } = "";
    }
}
