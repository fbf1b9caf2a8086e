using System.ComponentModel.DataAnnotations;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
public sealed class AgenciesModel(CaseAuditStore store, AgencyDesk desk) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public void OnGet() => LoadRows();

    public async Task<IActionResult> OnPostAsync()
    {
        // A blank field binds as null, not "": build the agency only once the input is valid.
        var agency = ModelState.IsValid ? new Agency { Id = Input.Id.Trim(), Name = Input.Name.Trim(), ShortName = Input.ShortName.Trim() } : null;
        if (agency is not null && await desk.AddAsync(agency, HttpContext.Actor()) is { } refusal)
        {
            ModelState.AddModelError("Input.Id", refusal);
        }

        if (!ModelState.IsValid)
        {
            LoadRows();
            return Page();
        }

        TempData["Done"] = $"{agency!.Name} is added.";
        return RedirectToPage("Agencies");
    }

    private void LoadRows()
    {
        var users = store.Users.FindAll().Where(u => u.AgencyId is not null).GroupBy(u => u.AgencyId!).ToDictionary(g => g.Key, g => g.Count());
        Rows = [.. store.Agencies.FindAll()
            .OrderBy(a => a.Active ? 0 : 1)
            .ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .Select(a => new Row(a, users.GetValueOrDefault(a.Id)))];
    }

    public sealed record Row(Agency Agency, int UserCount);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the agency's name")]
        [StringLength(100, ErrorMessage = "Name must be 100 characters or fewer")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Enter a short name")]
        [StringLength(30, ErrorMessage = "Short name must be 30 characters or fewer")]
        public string ShortName { get; set; } = "";

        [Required(ErrorMessage = "Enter an id")]
        [RegularExpression(@"^\s*[a-z0-9-]{2,30}\s*$", ErrorMessage = "Id must be 2 to 30 lower-case letters, digits or hyphens, like childrens-social-care")]
        public string Id { get; set; } = "";
    }
}
