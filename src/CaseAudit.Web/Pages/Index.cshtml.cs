using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages;

[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(TemplateLibrary library, CaseAuditStore store) : PageModel
{
    public sealed record OpenConcern(SafeguardingConcern Concern, string CaseReference, string RoundTitle);

    public int TemplateCount { get; private set; }

    public IReadOnlyList<string> Themes { get; private set; } = [];

    public bool IsCoordinator { get; private set; }

    public int ActiveRounds { get; private set; }

    public IReadOnlyList<OpenConcern> OpenConcerns { get; private set; } = [];

    public (int Completed, int Total)? MyReturns { get; private set; }

    public void OnGet()
    {
        var catalogue = library.Catalogue();
        TemplateCount = catalogue.Count;
        Themes = catalogue.Select(t => t.Theme).ToList();
        IsCoordinator = User.IsInRole(Roles.Coordinator);
        if (IsCoordinator)
        {
            // Concerns are never blind: the Coordinator sees each one here until it is followed up.
            OpenConcerns = store.Concerns.Find(c => c.FollowUp == null).ToList()
                .Select(c => new OpenConcern(c, store.Cases.FindById(c.CaseId)?.Reference ?? c.CaseId, store.Rounds.FindById(c.RoundId)?.Title ?? ""))
                .ToList();
            ActiveRounds = store.Rounds.Count(r => r.Status != RoundStatus.Closed && r.Status != RoundStatus.Published);
        }

        if (User.IsInRole(Roles.Auditor) && User.FindFirst(CaseAuditClaimTypes.Agency)?.Value is { } agency)
        {
            var open = store.Rounds.Find(r => r.Status == RoundStatus.Grading).Select(r => r.Id).ToHashSet();
            var mine = store.Returns.Find(r => r.AgencyId == agency).Where(r => open.Contains(r.RoundId)).ToList();
            MyReturns = (mine.Count(r => r.Status == ReturnStatus.Submitted), mine.Count);
        }
    }
}
