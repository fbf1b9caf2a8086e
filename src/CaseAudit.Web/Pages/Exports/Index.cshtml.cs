using CaseAudit.Web.Data;
using CaseAudit.Web.Excel;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Pages.Shared;
using CaseAudit.Web.Security;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace CaseAudit.Web.Pages.Exports;

/// Partnership-wide exports: every round's gradings for analysts, and the year summary for the
/// annual report. Each download is written to the audit trail.
[Authorize(Policy = Policies.Exports)]
public sealed class IndexModel(CaseAuditStore store, TemplateLibrary templates, Partnership partnership, YearSummaryExport yearSummary, AuditTrail trail, TimeProvider clock) : PageModel
{
    public const string CoordinatorCopy = "coordinator";

    [BindProperty(SupportsGet = true)]
    public DateParts From { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public DateParts To { get; set; } = new();

    /// Evidence goes to Coordinators only; someone who also sits on the board never gets it here,
    /// so a board member cannot receive evidence whichever of their roles they act in.
    public bool MayHaveEvidence => User.IsInRole(Roles.Coordinator) && !User.IsInRole(Roles.Board);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetPartnershipAsync(string? copy, CancellationToken ct)
    {
        var withEvidence = copy == CoordinatorCopy;
        if (withEvidence && !MayHaveEvidence)
        {
            return Forbid();
        }

        var fileName = PartnershipExport.FileName(withEvidence, UkTime.Day(clock.GetUtcNow().UtcDateTime));
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        Response.ContentType = ExportFile.ContentType;
        Response.Headers.ContentDisposition = disposition.ToString();
        int? rows = null;
        try
        {
            rows = await PartnershipExport.WriteAsync(store, templates, withEvidence, partnership.Name, Response.Body, ct);
        }
        finally
        {
            // Recorded even when the download breaks off: some rows may already have left.
            await trail.AppendAsync(PartnershipExport.Audit(HttpContext.Actor(), withEvidence, fileName, rows));
        }

        return new EmptyResult();
    }

    public async Task<IActionResult> OnGetYearSummaryAsync()
    {
        var (from, fromProblem) = From.Read("start date");
        var (to, toProblem) = To.Read("end date");
        if (fromProblem is not null)
        {
            this.AddError(nameof(From), fromProblem);
        }

        if (toProblem is not null)
        {
            this.AddError(nameof(To), toProblem);
        }
        else if (from is { } f && to is { } t && f > t)
        {
            this.AddError(nameof(To), "The end date must be the same as or after the start date");
        }

        if (!ModelState.IsValid || from is null || to is null)
        {
            return Page();
        }

        var file = yearSummary.Write(from.Value, to.Value, HttpContext.Actor());
        await trail.AppendAsync(file.Audit);
        return File(file.Content, ExportFile.ContentType, file.FileName);
    }
}
