using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Pages.Shared;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

/// The confirmation before a round moves on or back: its readiness in numbers and what the
/// move does to unfinished work. The rules themselves are checked by the planner, in the write.
[Authorize(Policy = Policies.Coordinator)]
public sealed class MoveModel(CaseAuditStore store, RoundPlanner planner, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public RoundStatus? To { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public bool Understood { get; set; }

    public Round Round { get; private set; } = null!;

    public RoundLifecycle.Move Move { get; private set; } = null!;

    public RoundReadiness Readiness { get; private set; } = null!;

    public IReadOnlyList<string> WhatHappens { get; private set; } = [];

    public IReadOnlyDictionary<string, string> AgencyNames { get; private set; } = new Dictionary<string, string>();

    public DateOnly Today { get; private set; }

    /// Publishing unfinished work asks for a tick and a reason; reopening for a reason.
    public bool AsksUnderstanding => Move.To == RoundStatus.Published && Readiness.Unfinished;

    public bool AsksReason => Move.NeedsReason || AsksUnderstanding;

    public IActionResult OnGet(string id)
    {
        if (store.Rounds.FindById(id) is not { } round || To is not { } to)
        {
            return NotFound();
        }

        if (!Prepare(round, to))
        {
            TempData["Notice"] = $"The round is {round.Status}: it cannot move to {to} from there.";
            return RedirectToPage("Round", new { id });
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (store.Rounds.FindById(id) is null || To is not { } to)
        {
            return NotFound();
        }

        var problems = await planner.MoveAsync(id, new RoundMove(to, Version, Reason, Understood), HttpContext.Actor());
        var round = store.Rounds.FindById(id)!;
        if (problems.Count == 0)
        {
            TempData["Done"] = $"The round is now {to}.";
            return RedirectToPage("Round", new { id });
        }

        if (!Prepare(round, to))
        {
            // Someone else moved the round meanwhile, so this move is no longer on offer.
            TempData["Notice"] = string.Join(" ", problems.Select(p => p.Message));
            return RedirectToPage("Round", new { id });
        }

        // The planner's words replace binding's: a crafted field gets the same messages as a typed one.
        ModelState.Clear();
        foreach (var problem in problems)
        {
            this.AddError(problem.Field, problem.Message);
        }

        return Page();
    }

    /// False when the round cannot make this move from where it is now.
    private bool Prepare(Round round, RoundStatus to)
    {
        if (RoundLifecycle.Find(round.Status, to) is not { } move)
        {
            return false;
        }

        Round = round;
        Move = move;
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Readiness = planner.Readiness(round, Today);
        WhatHappens = RoundLifecycle.WhatHappens(round.Status, to, Readiness);
        AgencyNames = store.Agencies.FindAll().ToDictionary(a => a.Id, a => a.Name);
        return true;
    }
}
