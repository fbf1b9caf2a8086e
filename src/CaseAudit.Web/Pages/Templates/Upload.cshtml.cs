using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Mvc;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Templates;

// Files over the template limit are refused with a message by the handler; the request
// limit sits above it so an oversized file reaches the handler instead of a bare 400.
[Authorize(Policy = Policies.Coordinator)]
[UploadLimit(TemplateReader.MaxFileBytes)]
public sealed class UploadModel(TemplateLibrary library) : PageModel
{
    private static readonly string TooBig = $"The selected file must be smaller than {TemplateReader.MaxFileBytes / 1024} KiB";

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public string FileName { get; private set; } = "";

    public IReadOnlyList<TemplateProblem> Problems { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (this.UploadTooLarge(nameof(Upload), TooBig))
        {
            return Page();
        }

        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), Upload is null ? "Select a template file" : "The selected file is empty");
            return Page();
        }

        FileName = Path.GetFileName(Upload.FileName);
        if (!FileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !FileName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(Upload), "The selected file must be a YAML file (.yaml or .yml)");
            return Page();
        }

        if (Upload.Length > TemplateReader.MaxFileBytes)
        {
            ModelState.AddModelError(nameof(Upload), TooBig);
            return Page();
        }

        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, HttpContext.RequestAborted);
        var outcome = await library.PublishUploadAsync(FileName, buffer.ToArray(), HttpContext.Actor());
        if (outcome.Result == PublishResult.Refused)
        {
            Problems = outcome.Problems;
            ModelState.AddModelError(nameof(Upload), outcome.Problems.Count == 1
                ? $"{FileName} has a problem on line {outcome.Problems[0].Line}: fix it and upload the file again"
                : $"{FileName} has {outcome.Problems.Count} problems, listed below with their line numbers: fix them and upload the file again");

            return Page();
        }

        var version = outcome.Version!;
        TempData["Done"] = outcome.Result == PublishResult.Published
            ? $"Version {version.Version} of {version.Title} is published."
            : $"Version {version.Version} of {version.Title} was already published with the same content; nothing changed.";
        return RedirectToPage("Template", new { id = version.TemplateId, version = version.Version });
    }
}
