using CaseAudit.Web.Data;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Templates;

public sealed class IndexModel(TemplateLibrary library) : PageModel
{
    public IReadOnlyList<StoredTemplateVersion> Templates { get; private set; } = [];

    public void OnGet() => Templates = library.Catalogue();
}
