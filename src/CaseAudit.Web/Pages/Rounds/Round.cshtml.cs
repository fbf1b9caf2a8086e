using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Excel;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using CaseAudit.Web.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

[Authorize(Policy = Policies.Coordinator)]
public sealed class RoundModel(CaseAuditStore store, RoundPlanner planner, CaseAudit.Web.Templates.TemplateLibrary templates, TimeProvider clock,
    LearningSummaryExport exports, AuditTrail trail) : PageModel
{
    public Round Round { get; private set; } = null!;

    public string TemplateTitle { get; private set; } = "";

    public IReadOnlyList<SampledCase> Cases { get; private set; } = [];

    public IReadOnlyDictionary<string, string> AgencyNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> AgencyShortNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<RoundLifecycle.Move> Moves { get; private set; } = [];

    public RoundProgress? Progress { get; private set; }

    public IReadOnlyList<SafeguardingConcern> OpenConcerns { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public int ModeratedCount { get; private set; }

    public int CaseActionCount { get; private set; }

    public int MailSentCount { get; private set; }

    public string DeadlineInWords => Due.ForRound(Round, Today);

    public string CaseReference(string caseId) => Cases.FirstOrDefault(c => c.Id == caseId)?.Reference ?? caseId;

    public IActionResult OnGet(string id) => Load(id) ?? Page();

    /// The learning-summary workbook: the board's copy, or with copy=coordinator the copy
    /// that adds every grading with its evidence.
    public async Task<IActionResult> OnGetLearningSummaryAsync(string id, string? copy)
    {
        var which = copy == "coordinator" ? SummaryCopy.Coordinator : SummaryCopy.Board;
        if (store.Rounds.FindById(id) is not { } round || !LearningSummaryExport.CanExport(round, which))
        {
            return NotFound();
        }

        var file = exports.Write(round, which, HttpContext.Actor());
        await trail.AppendAsync(file.Audit);
        return File(file.Content, ExportFile.ContentType, file.FileName);
    }

    private IActionResult? Load(string id)
    {
        if (store.Rounds.FindById(id) is not { } round)
        {
            return NotFound();
        }

        Round = round;
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        TemplateTitle = templates.Find(round.TemplateId, round.TemplateVersion)?.Title ?? round.TemplateId;
        Cases = planner.CasesOf(id);
        var agencies = store.Agencies.FindAll().ToList();
        AgencyNames = agencies.ToDictionary(a => a.Id, a => a.Name);
        AgencyShortNames = agencies.ToDictionary(a => a.Id, a => a.ShortName);
        Moves = RoundLifecycle.MovesFrom(round.Status);
        OpenConcerns = store.Concerns.Find(c => c.RoundId == id && c.FollowUp == null).ToList();
        CaseActionCount = store.CaseActions.Count(a => a.RoundId == id);
        MailSentCount = store.Mail.Count(m => m.RoundId == id && m.State == Email.MailState.Sent);
        if (round.Status != RoundStatus.Draft)
        {
            ModeratedCount = store.Moderations.Count(m => m.RoundId == id && m.Status == ModerationStatus.Moderated);
            Progress = RoundProgress.Of(round, Cases, store.Returns.Find(r => r.RoundId == id).ToList(), Today);
        }

        return null;
    }
}
