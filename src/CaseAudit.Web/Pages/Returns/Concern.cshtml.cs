using CaseAudit.Web.Returns;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Returns;

[Authorize(Policy = Policies.Auditor)]
public sealed class ConcernModel(ReturnAccess access, ConcernDesk desk) : PageModel
{
    public const int MaxLength = 4000;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ReturnContext Context { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var (context, refusal) = await access.LoadAsync(HttpContext, id);
        Context = context!;
        return refusal ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        var (context, refusal) = await access.LoadAsync(HttpContext, id);
        if (refusal is not null)
        {
            return refusal;
        }

        Context = context!;
        Check(Input.WhatWasSeen, "Input.WhatWasSeen", "Describe what you found");
        Check(Input.ActionTaken, "Input.ActionTaken", "Say what you have done, for example the referral you made");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var concern = new SafeguardingConcern
        {
            RoundId = Context.Round.Id,
            CaseId = Context.Case.Id,
            AgencyId = Context.Return.AgencyId,
            WhatWasSeen = Input.WhatWasSeen!.Trim(),
            ActionTaken = Input.ActionTaken!.Trim(),
            RaisedBy = User.Identity!.Name!,
        };
        await desk.RaiseAsync(concern, Context.Case.Reference, HttpContext.Actor());
        TempData["Done"] = "The concern is recorded and the audit coordinator can see it now.";
        return RedirectToPage("/Returns/Return", new { id });
    }

    private void Check(string? text, string field, string missing)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError(field, missing);
        }
        else if (text.Length > MaxLength)
        {
            ModelState.AddModelError(field, $"This must be {MaxLength:N0} characters or fewer (it has {text.Length:N0})");
        }
    }

    public sealed class InputModel
    {
        public string? WhatWasSeen { get; set; }

        public string? ActionTaken { get; set; }
    }
}
