using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Pages.Shared;
using CaseAudit.Web.Security;
using Humanizer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

[Authorize(Policy = Policies.Coordinator)]
[UploadLimit(SampleImport.MaxBytes)]
public sealed class DrawModel(CaseAuditStore store, RoundPlanner planner, TimeProvider clock) : PageModel
{
    [BindProperty]
    public IFormFile? Pool { get; set; }

    [BindProperty]
    public string? SampleSize { get; set; }

    [BindProperty]
    public List<string> StrataBy { get; set; } = [];

    [BindProperty]
    public string? Seed { get; set; }

    public Round Round { get; private set; } = null!;

    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public IActionResult OnGet(string id) => Load(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (Load(id) is { } refused)
        {
            return refused;
        }

        if (planner.CasesOf(id).Count > 0)
        {
            this.AddError("Pool", "This round already has cases: a drawn sample can only be added to a round with none");
        }

        if (!int.TryParse(SampleSize, out var size) || size < 1)
        {
            this.AddError("SampleSize", "Enter the number of cases to sample, as a whole number like 12");
        }

        var seed = StratifiedSampler.NewSeed();
        if (!string.IsNullOrWhiteSpace(Seed) && (!int.TryParse(Seed, out seed) || seed < 1))
        {
            this.AddError("Seed", "The seed must be a whole number above 0, or left blank");
        }

        if (StrataBy.Any(s => !StratifiedSampler.StrataChoices.Contains(s)))
        {
            this.AddError("StrataBy", "Choose from the listed case facts");
        }

        if (!this.UploadTooLarge("Pool", SampleImport.TooBig) && (Pool is null || Pool.Length == 0))
        {
            this.AddError("Pool", "Select the file with the pool of candidate cases");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        using var stream = Pool!.OpenReadStream();
        var pool = SampleImport.Read(Pool.FileName, stream, Pool.Length, Round.AgencyIds, typed => planner.AgencyByName(Round, typed));
        if (!pool.Succeeded)
        {
            Problems = pool.Problems;
            this.AddError("Pool", $"The pool file has {"problem".ToQuantity(Problems.Count)}, listed below. Nothing was drawn.");
            return Page();
        }

        if (size > pool.Cases.Count)
        {
            this.AddError("SampleSize", $"The sample cannot be bigger than the pool, which has {pool.Cases.Count} cases");
            return Page();
        }

        var drawn = StratifiedSampler.Draw(pool.Cases, size, StrataBy, seed);
        drawn.Record.DrawnAt = clock.GetUtcNow().UtcDateTime;
        drawn.Record.DrawnBy = User.Identity!.Name!;
        if (await planner.RecordDrawAsync(id, drawn.Record, drawn.Sample, HttpContext.Actor()) is { } notDrawn)
        {
            this.AddError("Pool", notDrawn);
            return Page();
        }

        TempData["Done"] = $"{drawn.Sample.Count} cases drawn from a pool of {pool.Cases.Count} (seed {seed}).";
        return Redirect($"/rounds/{id}#sample");
    }

    private IActionResult? Load(string id)
    {
        var (round, instead) = DraftRound.Load(this, store, id);
        Round = round!;
        return instead;
    }
}
