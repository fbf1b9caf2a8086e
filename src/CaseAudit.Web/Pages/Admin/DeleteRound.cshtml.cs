using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Pages.Shared;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Admin;

/// The confirmation before a closed round is deleted for good: what goes, in numbers, and the
/// round's title typed back. The rules are checked again by RoundDeletion, in the write.
[Authorize(Policy = Policies.Admin)]
public sealed class DeleteRoundModel(CaseAuditStore store, RoundDeletion deletion) : PageModel
{
    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Contents { get; set; }

    [BindProperty]
    public string? ConfirmTitle { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public Round Round { get; private set; } = null!;

    public RoundContents Counts { get; private set; } = null!;

    public DateTime? ClosedAt { get; private set; }

    /// A round still open is shown, but with why it cannot be deleted instead of the form.
    public bool CanDelete => RoundRetention.IsClosed(Round);

    public IActionResult OnGet(string id)
    {
        if (store.Rounds.FindById(id) is not { } round)
        {
            return NotFound();
        }

        Show(round);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (store.Rounds.FindById(id) is not { } shown)
        {
            // A second click after the first deleted it hears so; an id that never was a round is not found.
            if (!RoundDeletion.WasDeleted(store, id))
            {
                return NotFound();
            }

            TempData["Notice"] = RoundDeletion.AlreadyDeleted;
            return RedirectToPage("Retention");
        }

        var title = shown.Title;
        var result = await deletion.DeleteAsync(id, Version, Contents, ConfirmTitle, Reason, HttpContext.Actor());
        if (result.Deleted)
        {
            TempData["Done"] = $"'{title}' has been deleted with everything recorded in it.";
            return RedirectToPage("Retention");
        }

        if (result.Gone || store.Rounds.FindById(id) is not { } round || !RoundRetention.IsClosed(round))
        {
            TempData["Notice"] = string.Join(" ", result.Problems.Select(p => p.Message));
            return RedirectToPage("Retention");
        }

        // The desk's words replace binding's: a crafted field gets the same messages as a typed one.
        ModelState.Clear();
        foreach (var problem in result.Problems)
        {
            this.AddError(problem.Field, problem.Message);
        }

        Show(round);
        return Page();
    }

    private void Show(Round round)
    {
        Round = round;
        Counts = RoundContents.Of(store, round.Id);
        ClosedAt = RoundRetention.ClosedAt(round);
    }
}
