using CaseAudit.Web.Email;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
public sealed class OutboxModel(Outbox outbox, UserManager<CaseAuditUser> users) : PageModel
{
    public IReadOnlyList<QueuedMail> Mail { get; private set; } = [];

    public int Total { get; private set; }

    public string WhereEmailsGo => outbox.WhereEmailsGo;

    [BindProperty]
    public string? TestTo { get; set; }

    public async Task OnGetAsync()
    {
        TestTo = (await users.GetUserAsync(User))?.Email;
        List();
    }

    public async Task<IActionResult> OnPostTestAsync()
    {
        TestTo = TestTo?.Trim();
        if (Outbox.AddressProblem(TestTo) is { } problem)
        {
            ModelState.AddModelError(nameof(TestTo), problem);
            List();
            return Page();
        }

        var by = (await users.GetUserAsync(User))?.DisplayName ?? User.Identity?.Name ?? "An administrator";
        var (sent, answer) = await outbox.SendTestAsync(TestTo!, by, HttpContext.Actor(), HttpContext.RequestAborted);
        if (!sent)
        {
            ModelState.AddModelError(nameof(TestTo), $"The test message was not sent. {answer}");
            List();
            return Page();
        }

        TempData["Done"] = $"The test message to {TestTo} was sent. {answer}";
        return RedirectToPage();
    }

    private void List() => (Mail, Total) = outbox.Latest();
}
