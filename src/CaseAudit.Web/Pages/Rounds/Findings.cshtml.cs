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

    public sealed record DissentRow(string Reference, string AgencyId, string? QuestionId, string Reason);

    /// Agencies that did not accept a grade the panel agreed, on moderated cases, in case order.
    public IReadOnlyList<DissentRow> Dissents { get; private set; } = [];

    public IActionResult OnGet(string id)
    {
        if (store.Rounds.FindById(id) is not { } round)
        {
            return NotFound();
        }

        View = reader.Read(round);
        Agreement = reader.Agreement(round);
        AgencyNames = store.Agencies.FindAll().ToDictionary(a => a.Id, a => a.Name);
        var references = store.Cases.Find(c => c.RoundId == round.Id).ToDictionary(c => c.Id, c => c.Reference);
        Dissents = store.Moderations.Find(m => m.RoundId == round.Id && m.Status == CaseAudit.Web.Domain.Rounds.ModerationStatus.Moderated).ToList()
            .SelectMany(m => m.Dissents.Select(d => new DissentRow(references.GetValueOrDefault(m.CaseId, m.CaseId), d.AgencyId ?? "", d.QuestionId, d.Reason ?? "")))
            .OrderBy(d => d.Reference, StringComparer.OrdinalIgnoreCase).ToList();
        return Page();
    }
}
