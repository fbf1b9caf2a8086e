using CaseAudit.Web.Data;
using CaseAudit.Web.Templates;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Templates;

[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(TemplateLibrary library) : PageModel
{
    public IReadOnlyList<StoredTemplateVersion> Templates { get; private set; } = [];

    public void OnGet() => Templates = library.Catalogue();
}
