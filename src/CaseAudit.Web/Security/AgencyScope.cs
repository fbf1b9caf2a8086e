using System.Security.Claims;
using CaseAudit.Web.Domain;
using CaseAudit.Web.Identity;
using Microsoft.AspNetCore.Authorization;

namespace CaseAudit.Web.Security;

public sealed class SameAgencyRequirement : IAuthorizationRequirement;

/// The one place that decides whether a user may touch an agency's record: a Coordinator may
/// (they run rounds across agencies); an Auditor only when the record is their own agency's.
/// Handlers call IAuthorizationService.AuthorizeAsync(User, record, Policies.AgencyRecord) on
/// every GET and POST; hiding links is never the control.
public sealed class SameAgencyHandler : AuthorizationHandler<SameAgencyRequirement, IAgencyScoped>
{
    public const string AgencyClaim = "agency";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SameAgencyRequirement requirement, IAgencyScoped record)
    {
        if (MayAccess(context.User, record.AgencyId))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    public static bool MayAccess(ClaimsPrincipal user, string agencyId) =>
        user.IsInRole(Roles.Coordinator)
        || (user.IsInRole(Roles.Auditor) && user.FindFirstValue(AgencyClaim) is { Length: > 0 } own && own == agencyId);
}
