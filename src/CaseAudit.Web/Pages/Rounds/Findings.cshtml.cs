using CaseAudit.Web.Data;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

[Authorize(Policy = Policies.Coordinator)]
public sealed class FindingsModel(CaseAuditStore store, RoundFindingsReader reader) : PageModel
{
    public RoundFindingsView View { get; private set; } = null!;

    public CaseAudit.Web.Domain.Findings.AgreementReport? Agreement { get; private set; }

    public IReadOnlyDictionary<string, string> AgencyNames { get; private set; } = new Dictionary<string, string>();

    public IActionResult OnGet(string id)
    {
        if (store.Rounds.FindById(id) is not { } round)
        {
            return NotFound();
        }

        View = reader.Read(round);
        Agreement = reader.Agreement(round);
        AgencyNames = store.Agencies.FindAll().ToDictionary(a => a.Id, a => a.Name);
        return Page();
    }
}
