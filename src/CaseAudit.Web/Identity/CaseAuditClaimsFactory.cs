using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CaseAudit.Web.Identity;

public static class CaseAuditClaimTypes
{
    // The Auditor's agency, so pages and policies can scope data without loading the user.
    public const string Agency = "agency";

    // The display name for the page header; ClaimTypes.Name stays the sign-in user name.
    public const string DisplayName = "name";
}

// Roles live on the user document, not in a role store, so the base factory (which would ask a
// RoleManager) cannot add them; this adds them, plus the agency and display name.
public sealed class CaseAuditClaimsFactory(UserManager<CaseAuditUser> userManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<CaseAuditUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CaseAuditUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var role in user.Roles)
        {
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, role));
        }

        if (user.AgencyId is { Length: > 0 } agencyId)
        {
            identity.AddClaim(new Claim(CaseAuditClaimTypes.Agency, agencyId));
        }

        identity.AddClaim(new Claim(CaseAuditClaimTypes.DisplayName, user.DisplayName is { Length: > 0 } ? user.DisplayName : user.UserName));
        return identity;
    }
}
