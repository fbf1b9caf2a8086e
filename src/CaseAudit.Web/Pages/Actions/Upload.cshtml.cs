using CaseAudit.Web.Actions;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Actions;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Excel;
using CaseAudit.Web.Security;
using Humanizer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Actions;

[Authorize(Policy = Policies.Coordinator)]
[UploadLimit(ActionPlanUpload.MaxBytes)]
public sealed class UploadProgressModel(CaseAuditStore store, ActionDesk desk) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public List<ConfirmedChange> Changes { get; set; } = [];

    [BindProperty]
    public string? FileName { get; set; }

    public Round Round { get; private set; } = null!;

    public IReadOnlyList<UploadProblem> Problems { get; private set; } = [];

    /// Set once a file has been read: the page then asks to confirm these.
    public IReadOnlyList<ProgressChange>? Preview { get; private set; }

    public IActionResult OnGet(string id) => Load(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (Load(id) is { } refused)
        {
            return refused;
        }

        if (this.UploadTooLarge(nameof(Upload), $"{ActionPlanUpload.TooBig}. Nothing was applied."))
        {
            return Page();
        }

        if (Upload is null)
        {
            ModelState.AddModelError(nameof(Upload), "Select the learning-summary workbook");
            return Page();
        }

        FileName = Path.GetFileName(Upload.FileName);
        var content = await ReadAtMostAsync(Upload, ActionPlanUpload.MaxBytes + 1);
        var result = ActionPlanUpload.Read(FileName, content, Round, desk.PlanOf(Round.TemplateId));
        if (!result.Succeeded)
        {
            Problems = result.Problems;
            ModelState.AddModelError(nameof(Upload), Problems.Count == 1
                ? $"{FileName}: {Problems[0]}. Nothing was applied."
                : $"{FileName} has {Problems.Count} problems, listed below: fix them and upload the workbook again. Nothing was applied.");
            return Page();
        }

        Preview = result.Changes;
        Changes = result.Changes.Select(ConfirmedChange.From).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(string id)
    {
        if (Load(id) is { } refused)
        {
            return refused;
        }

        var changes = Changes.Select(c => c.ToChange()).ToList();
        var refusal = changes.Count == 0 || changes.Any(c => c is null)
            ? "The changes could not be read. Upload the workbook again. Nothing was applied."
            : await desk.ApplyProgressAsync(Round, changes!, Path.GetFileName(FileName ?? "workbook.xlsx"), HttpContext.Actor());
        if (refusal is not null)
        {
            ModelState.AddModelError(nameof(Upload), refusal);
            return Page();
        }

        TempData["Done"] = $"{"action".ToQuantity(changes.Count)} updated from {FileName}.";
        return RedirectToPage("/Actions/Plan", new { id });
    }

    private static async Task<byte[]> ReadAtMostAsync(IFormFile file, long limit)
    {
        // The declared length is the browser's word; read no more than one byte past the limit.
        using var buffer = new MemoryStream();
        await using var stream = file.OpenReadStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)))) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private IActionResult? Load(string id)
    {
        if (store.Rounds.FindById(id) is not { } round)
        {
            return NotFound();
        }

        Round = round;
        return null;
    }
}

/// One change as the confirmation form carries it back. Only Ref, id, version and the new
/// values travel: the old values are read again from the store when applying.
public sealed class ConfirmedChange
{
    public string? Ref { get; set; }

    public string? ActionId { get; set; }

    public int Version { get; set; }

    public string? NewRag { get; set; }

    public string? NewPosition { get; set; }

    public static ConfirmedChange From(ProgressChange c) =>
        new() { Ref = c.Ref, ActionId = c.ActionId, Version = c.Version, NewRag = c.NewRag.ToString(), NewPosition = c.NewPosition };

    public ProgressChange? ToChange() =>
        ActionId is { Length: > 0 } && LearningSummaryWorkbook.RagChoices.Contains(NewRag) && Enum.TryParse<Rag>(NewRag, out var rag)
            ? new ProgressChange(Ref ?? "", ActionId, Version, rag, rag, "", NewPosition ?? "")
            : null;
}
