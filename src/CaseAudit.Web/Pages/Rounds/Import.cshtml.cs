using System.Text;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using Humanizer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

[Authorize(Policy = Policies.Coordinator)]
[UploadLimit(SampleImport.MaxBytes)]
public sealed class ImportModel(CaseAuditStore store, RoundPlanner planner) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public Round Round { get; private set; } = null!;

    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public int CaseCount { get; private set; }

    public IActionResult OnGet(string id) => Load(id) ?? Page();

    public IActionResult OnGetTemplateXlsx(string id) =>
        Load(id) ?? File(SampleTemplateFile.Xlsx(Agencies()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "caseaudit-sample-template.xlsx");

    // With a byte-order mark, so Excel opens it as UTF-8 and the en dashes in age bands survive.
    public IActionResult OnGetTemplateCsv(string id) =>
        Load(id) ?? File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(SampleTemplateFile.Csv(Agencies()))).ToArray(), "text/csv", "caseaudit-sample-template.csv");

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (Load(id) is { } refused)
        {
            return refused;
        }

        if (this.UploadTooLarge(nameof(Upload), SampleImport.TooBig))
        {
            return Page();
        }

        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError("Upload", Upload is null ? "Select a sample file" : "The selected file is empty");
            return Page();
        }

        using var stream = Upload.OpenReadStream();
        var result = SampleImport.Read(Upload.FileName, stream, Upload.Length, Round.AgencyIds, typed => planner.AgencyByName(Round, typed),
            planner.CasesOf(id).Select(c => c.Reference).ToList());
        if (!result.Succeeded)
        {
            Problems = result.Problems;
            ModelState.AddModelError("Upload", result.ProblemCount == 1
                ? $"{Path.GetFileName(Upload.FileName)} has a problem, shown below: fix it and import the file again. Nothing was imported."
                : $"{Path.GetFileName(Upload.FileName)} has {"problem".ToQuantity(result.ProblemCount)}, listed below: fix them and import the file again. Nothing was imported.");
            return Page();
        }

        if (await planner.AddCasesAsync(id, result.Cases, HttpContext.Actor(), $"imported from {Path.GetFileName(Upload.FileName)}") is { } notAdded)
        {
            ModelState.AddModelError("Upload", notAdded);
            return Page();
        }

        var note = result.IgnoredColumns.Count == 0 ? "" : $" Ignored columns (not stored): {Headings(result.IgnoredColumns)}.";
        if (result.IdentifyingColumns.Count > 0)
        {
            note += " Some ignored columns looked like they hold identifying details: delete the file from wherever it is saved.";
        }

        TempData["Done"] = $"{"case".ToQuantity(result.Cases.Count)} imported.{note}";
        return DraftRound.RoundPage(id, "sample");
    }

    // The note travels in a cookie to the next page: a file with thousands of extra columns, or
    // a heading of a megabyte, must not make that cookie too large for the browser to send back.
    private static string Headings(IReadOnlyList<string> headings)
    {
        const int Shown = 10;
        var names = headings.Take(Shown).Select(h => h.Length <= 40 ? h : h[..39] + "…");
        return string.Join(", ", names) + (headings.Count > Shown ? $" and {headings.Count - Shown:N0} more" : "");
    }

    private IReadOnlyList<(string Id, string Name)> Agencies()
    {
        var names = store.Agencies.FindAll().ToDictionary(a => a.Id);
        return Round.AgencyIds.Select(a => (a, names.TryGetValue(a, out var agency) ? agency.Name : a)).ToList();
    }

    private IActionResult? Load(string id)
    {
        var (round, instead) = DraftRound.Load(this, store, id);
        Round = round!;
        CaseCount = round is null ? 0 : store.Cases.Count(c => c.RoundId == id);
        return instead;
    }
}
