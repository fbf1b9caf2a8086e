using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
