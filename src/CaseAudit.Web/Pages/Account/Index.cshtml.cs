using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Account;

[Authorize(Policy = Policies.SignedIn)]
public sealed class AccountModel(UserManager<CaseAuditUser> users, CaseAuditStore store) : PageModel
{
    public CaseAuditUser Person { get; private set; } = null!;

    public string? AgencyName { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } person)
        {
            return Challenge();
        }

        Person = person;
        AgencyName = person.AgencyId is null ? null : store.Agencies.FindById(person.AgencyId)?.Name;
        return Page();
    }
}
