using System.ComponentModel.DataAnnotations;
using CaseAudit.Web.Data;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Admin;

// The id is not editable: it is in claims, web addresses and exported file names.
[Authorize(Policy = Policies.Admin)]
public sealed class EditAgencyModel(CaseAuditStore store, AuditTrail trail) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Agency Stored { get; private set; } = null!;

    public IActionResult OnGet(string id)
    {
        if (store.Agencies.FindById(id) is not { } agency)
        {
            return NotFound();
        }

        Stored = agency;
        Input = new InputModel { Name = agency.Name, ShortName = agency.ShortName, Active = agency.Active };
        return Page();
    }

    public IActionResult OnPost(string id)
    {
        if (store.Agencies.FindById(id) is not { } agency)
        {
            return NotFound();
        }

        Stored = agency;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var updated = new Agency { Id = agency.Id, Name = Input.Name.Trim(), ShortName = Input.ShortName.Trim(), Active = Input.Active };
        var (before, after) = AuditEvent.ChangedFields(
            new { agency.Name, agency.ShortName, agency.Active },
            new { updated.Name, updated.ShortName, updated.Active });
        if (before is null)
        {
            TempData["Done"] = "No changes were made.";
            return RedirectToPage("Agencies");
        }

        trail.Append(HttpContext.Event("agency.updated", $"Agency {updated.Name} ({updated.Id}) changed: {string.Join(", ", after!.Select(p => p.Key))}",
            AgenciesModel.AgencySubject(updated.Id), before, after), () => store.Agencies.Update(updated));
        TempData["Done"] = $"{updated.Name} is saved.";
        return RedirectToPage("Agencies");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the agency's name")]
        [StringLength(100, ErrorMessage = "Name must be 100 characters or fewer")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Enter a short name")]
        [StringLength(30, ErrorMessage = "Short name must be 30 characters or fewer")]
        public string ShortName { get; set; } = "";

        public bool Active { get; set; } = true;
    }
}
