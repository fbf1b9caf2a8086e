using System.Text;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Mvc;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Templates;

[Authorize(Policy = Policies.SignedIn)]
public sealed class TemplateModel(TemplateLibrary library) : PageModel
{
    public StoredTemplateVersion Stored { get; private set; } = null!;

    public AuditTemplate Template { get; private set; } = null!;

    public IReadOnlyList<StoredTemplateVersion> History { get; private set; } = [];

    public bool IsNewest => History.Count > 0 && History[0].Version == Template.Version;

    public IActionResult OnGet(string id, string? version)
    {
        if (library.Find(id, version) is not { } stored)
        {
            return NotFound();
        }

        Stored = stored;
        Template = library.Parse(stored);
        History = library.History(id);
        return Page();
    }

    public IActionResult OnGetDownload(string id, string? version)
    {
        if (library.Find(id, version) is not { } stored)
        {
            return NotFound();
        }

        return File(Encoding.UTF8.GetBytes(stored.Yaml), "application/yaml", $"{stored.TemplateId}-{stored.Version}.yaml");
    }
}
