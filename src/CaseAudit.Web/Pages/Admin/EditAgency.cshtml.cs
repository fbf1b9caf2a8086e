using System.ComponentModel.DataAnnotations;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Admin;

// The id is not editable: it is in claims, web addresses and exported file names.
[Authorize(Policy = Policies.Admin)]
public sealed class EditAgencyModel(CaseAuditStore store, AgencyDesk desk) : PageModel
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
        Input = new InputModel { Name = agency.Name, ShortName = agency.ShortName, Active = agency.Active, Version = agency.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
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

        var name = Input.Name.Trim();
        if (Input.Version == agency.Version && name == agency.Name && Input.ShortName.Trim() == agency.ShortName && Input.Active == agency.Active)
        {
            TempData["Done"] = "No changes were made.";
            return RedirectToPage("Agencies");
        }

        if (await desk.UpdateAsync(agency.Id, Input.Version, name, Input.ShortName.Trim(), Input.Active, HttpContext.Actor()) is { } theirs)
        {
            // What the Admin typed stays in the form; what is saved now is spelled out beside it.
            Stored = theirs;
            Input.Version = theirs.Version;
            ModelState.AddModelError("", $"Someone else changed this agency while you were editing it. It is now saved as: name \"{theirs.Name}\", short name \"{theirs.ShortName}\", {(theirs.Active ? "active" : "retired")}. Your changes are below and were not saved: check them and save again.");
            return Page();
        }

        TempData["Done"] = $"{name} is saved.";
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

        public int Version { get; set; }

        public bool Active { get; set; } = true;
    }
}
