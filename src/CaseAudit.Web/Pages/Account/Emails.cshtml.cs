using CaseAudit.Web.Email;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Account;

[Authorize(Policy = Policies.SignedIn)]
public sealed class EmailsModel(UserManager<CaseAuditUser> users) : PageModel
{
    public CaseAuditUser Person { get; private set; } = null!;

    public IReadOnlyList<EmailChoice> Choices { get; private set; } = [];

    /// The names of the kinds ticked (on).
    [BindProperty]
    public List<string?> On { get; set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } person)
        {
            return Challenge();
        }

        Show(person);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } person)
        {
            return Challenge();
        }

        var before = person.EmailsOff.ToList();
        var after = EmailChoices.OffAfter(person, On);
        if (before.Order().SequenceEqual(after))
        {
            TempData["Done"] = "No changes were made to your emails.";
            return LocalRedirect("/account");
        }

        person.EmailsOff = after;
        person.AuditWithNextSave.Add(HttpContext.Event("account.emails-changed",
            $"{person.UserName} changed their emails: off was {EmailChoices.Names(before)}, now {EmailChoices.Names(after)}",
            AuditActor.UserSubject(person), new { off = before.Select(k => k.ToString()) }, new { off = after.Select(k => k.ToString()) }));
        if (!(await users.UpdateAsync(person)).Succeeded)
        {
            ModelState.AddModelError("", "Your account was changed somewhere else while you were choosing. Your emails as saved now are shown below: choose again.");
            Show((await users.GetUserAsync(User))!);
            return Page();
        }

        TempData["Done"] = "Your email choices are saved.";
        return LocalRedirect("/account");
    }

    private void Show(CaseAuditUser person)
    {
        Person = person;
        Choices = EmailChoices.For(person);
    }
}
