using CaseAudit.Web.Data;
using CaseAudit.Web.Operations;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
public sealed class BackupModel(Writer writer, BackupSettings settings, BackupStatus status, TimeProvider clock) : PageModel
{
    public BackupSettings Settings => settings;

    public BackupStatus Status => status;

    public void OnGet()
    {
    }

    // The backup goes into the backups folder (with its record) and is offered as a download.
    public async Task<IActionResult> OnPostAsync()
    {
        var target = Path.Combine(settings.Folder, Operations.Backup.FileNameFor(clock.GetUtcNow().UtcDateTime));
        BackupManifest manifest;
        try
        {
            manifest = await Operations.Backup.MakeAsync(writer, target, clock);
        }
        catch (BackupFailedException e)
        {
            status.Failed(clock.GetUtcNow().UtcDateTime, e.Message);
            ModelState.AddModelError("backup", $"The backup could not be made: {e.Message}");
            return Page();
        }

        await writer.WriteAsync(change => change.Audit(Operations.Backup.Recorded(HttpContext.Actor(), target, manifest)));
        status.Made(manifest.MadeAt, target);
        return PhysicalFile(target, "application/octet-stream", Path.GetFileName(target));
    }

    // The record kept beside the last backup, for `audit verify --expect` on another machine.
    public IActionResult OnGetRecord() =>
        status.LastMade is { } last && System.IO.File.Exists(BackupManifest.PathFor(last.File))
            ? PhysicalFile(BackupManifest.PathFor(last.File), "application/json", Path.GetFileName(BackupManifest.PathFor(last.File)))
            : RedirectToPage();
}
