using CaseAudit.Web.Data;
using CaseAudit.Web.Domain;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CaseAudit.Web.Pages.Admin;

// What the new-user and edit-user pages share: the role and agency rules as a person filling the
// form meets them, and where Identity's refusals are shown.
public static class UserForm
{
    public const string AgencyRequired = "Select the agency this auditor works for";

    // Roles in the order Roles.All lists them, so the audit trail and screens never differ
    // only by order; anything that is not a role is dropped (a tampered form grants nothing).
    public static List<string> CleanRoles(IEnumerable<string>? ticked) =>
        [.. Roles.All.Where(r => ticked?.Any(t => string.Equals(t, r, StringComparison.OrdinalIgnoreCase)) == true)];

    // Checks the roles and agency, adding errors next to the fields; returns the agency to store
    // (null unless the person is an Auditor, who is bound to exactly one agency).
    public static string? CheckRolesAndAgency(ModelStateDictionary modelState, List<string> roles, string? agencyId, IReadOnlyList<Agency> choosable)
    {
        if (roles.Count == 0)
        {
            modelState.AddModelError("Input.Roles", "Select at least one role");
        }

        if (!roles.Contains(Roles.Auditor))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(agencyId) || choosable.All(a => a.Id != agencyId))
        {
            modelState.AddModelError("Input.AgencyId", AgencyRequired);
            return null;
        }

        return agencyId;
    }

    // Active agencies, plus the one the user already has if it has since been retired, so editing
    // an auditor of a retired agency does not force a change of agency.
    public static List<Agency> ChoosableAgencies(CaseAuditStore store, string? currentAgencyId = null) =>
        [.. store.Agencies.FindAll().Where(a => a.Active || a.Id == currentAgencyId).OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)];

    public static void AddIdentityErrors(ModelStateDictionary modelState, IdentityResult result, string passwordKey = "Input.Password")
    {
        foreach (var error in result.Errors)
        {
            var key = error.Code switch
            {
                "DuplicateUserName" => "Input.UserName",
                "InvalidUserName" => "Input.UserName",
                "AuditorWithoutAgency" or "UnknownAgency" => "Input.AgencyId",
                "InvalidEmail" => "Input.Email",
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => passwordKey,
                _ => "",
            };
            var message = error.Code == "DuplicateUserName" ? "There is already a user with this user name. Choose another" : error.Description;
            modelState.AddModelError(key, message);
        }
    }
}
