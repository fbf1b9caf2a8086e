using CaseAudit.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace CaseAudit.Web.Identity;

// An Auditor sees only one agency's work, and the agency claim is what scopes it; an Auditor
// saved without one (or with a mistyped one) would see nothing, or worse, be scoped by a typo.
// UserManager runs this on every create and update, so the rule holds however the user changed.
// Set AgencyId before adding the Auditor role.
public sealed class AuditorAgencyValidator(CaseAuditStore store) : IUserValidator<CaseAuditUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<CaseAuditUser> manager, CaseAuditUser user)
    {
        if (!user.Roles.Contains(Roles.Auditor))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (user.AgencyId is not { Length: > 0 })
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "AuditorWithoutAgency",
                Description = "An auditor must belong to an agency. Choose the agency before giving the Auditor role.",
            }));
        }

        if (store.Agencies.FindById(user.AgencyId) is null)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "UnknownAgency",
                Description = $"There is no agency '{user.AgencyId}'.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }
}
