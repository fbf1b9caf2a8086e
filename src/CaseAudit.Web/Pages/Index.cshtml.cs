using CaseAudit.Web.Templates;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages;

[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(TemplateLibrary library) : PageModel
{
    public int TemplateCount { get; private set; }

    public IReadOnlyList<string> Themes { get; private set; } = [];

    public void OnGet()
    {
        var catalogue = library.Catalogue();
        TemplateCount = catalogue.Count;
        Themes = catalogue.Select(t => t.Theme.ToLowerInvariant()).ToList();
    }
}
