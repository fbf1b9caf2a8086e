using CaseAudit.Web.Email;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Admin;

// One email as it was sent: only Admins read bodies.
[Authorize(Policy = Policies.Admin)]
public sealed class OutboxMessageModel(Outbox outbox) : PageModel
{
    public QueuedMail Mail { get; private set; } = null!;

    public bool HasFile { get; private set; }

    public IActionResult OnGet(string id) => Load(id) ?? Page();

    // Only the file recorded for this email, from the outbox folder.
    public IActionResult OnGetEml(string id) =>
        outbox.Find(id) is { } mail && outbox.FileOf(mail) is { } path
            ? PhysicalFile(path, "message/rfc822", mail.OutboxFile)
            : NotFound();

    public async Task<IActionResult> OnPostSendAgainAsync(string id)
    {
        if (outbox.Find(id) is null)
        {
            return NotFound();
        }

        if (await outbox.SendAgainAsync(id, HttpContext.Actor()) is { } refusal)
        {
            ModelState.AddModelError("", refusal);
            return Load(id) ?? Page();
        }

        TempData["Done"] = "The email is queued to be sent again.";
        return Redirect($"/admin/outbox/{Uri.EscapeDataString(id)}");
    }

    private IActionResult? Load(string id)
    {
        if (outbox.Find(id) is not { } mail)
        {
            return NotFound();
        }

        Mail = mail;
        HasFile = outbox.FileOf(mail) is not null;
        return null;
    }
}
