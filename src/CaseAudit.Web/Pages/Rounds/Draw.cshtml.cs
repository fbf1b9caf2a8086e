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

    /// How many cases the round had when the page was shown (Cases.Count then): the draw adds to
    /// exactly those, and is refused if the sample changed in between.
    [BindProperty]
    public int CasesSeen { get; set; }

    public Round Round { get; private set; } = null!;

    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    /// The round's sample now: a draw adds to it, drawing only pool cases not already in it.
    public IReadOnlyList<SampledCase> Cases { get; private set; } = [];

    public IActionResult OnGet(string id) => Load(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (Load(id) is { } refused)
        {
            return refused;
        }

        var room = Round.MaxCases - Cases.Count;
        if (!int.TryParse(SampleSize, out var size) || size < 1)
        {
            this.AddError("SampleSize", "Enter the number of cases to sample, as a whole number like 12");
        }
        else if (size > room)
        {
            this.AddError("SampleSize", room == 0
                ? $"This round already has the most cases a round can have ({Round.MaxCases})"
                : $"A round can have at most {Round.MaxCases} cases and this one has {Cases.Count}, so draw at most {room}");
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
            this.AddError("Pool", $"The pool file has {"problem".ToQuantity(pool.ProblemCount)}, listed below. Nothing was drawn.");
            return Page();
        }

        // Pool cases already in the round (added, imported or drawn before) are left out of the draw.
        var inRound = Cases.Select(c => c.Reference).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidates = pool.Cases.Where(c => !inRound.Contains(c.Reference)).ToList();
        var leftOut = pool.Cases.Count - candidates.Count;
        if (size > candidates.Count)
        {
            this.AddError("SampleSize", leftOut == 0
                ? $"The sample cannot be bigger than the pool, which has {"case".ToQuantity(candidates.Count)}"
                : $"The sample cannot be bigger than the pool's {"case".ToQuantity(candidates.Count)} not already in this round");
            return Page();
        }

        var drawn = StratifiedSampler.Draw(candidates, size, StrataBy, seed);
        drawn.Record.DrawnAt = clock.GetUtcNow().UtcDateTime;
        drawn.Record.DrawnBy = User.Identity!.Name!;
        if (await planner.RecordDrawAsync(id, CasesSeen, drawn.Record, drawn.Sample, HttpContext.Actor()) is { } notDrawn)
        {
            this.AddError("Pool", notDrawn);
            Cases = planner.CasesOf(id);
            return Page();
        }

        var already = leftOut == 0 ? "" : $", leaving out {"case".ToQuantity(leftOut)} already in the round";
        TempData["Done"] = $"{"case".ToQuantity(drawn.Sample.Count)} drawn from a pool of {candidates.Count}{already} (seed {seed}).";
        return DraftRound.RoundPage(id, "sample");
    }

    private IActionResult? Load(string id)
    {
        var (round, instead) = DraftRound.Load(this, store, id);
        Round = round!;
        Cases = round is null ? [] : planner.CasesOf(id);
        return instead;
    }
}
