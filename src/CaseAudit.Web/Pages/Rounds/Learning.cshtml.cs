using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Pages.Shared;
using CaseAudit.Web.Rounds;
using CaseAudit.Web.Security;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Rounds;

[Authorize(Policy = Policies.Coordinator)]
public sealed class LearningModel(CaseAuditStore store, TemplateLibrary templates, LearningDesk desk) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Round Round { get; private set; } = null!;

    public IReadOnlyList<LearningPoint> Points { get; private set; } = [];

    public IReadOnlyList<(string, string)> QuestionOptions { get; private set; } = [];

    public IReadOnlyList<(string, string)> CaseOptions { get; private set; } = [];

    public bool Editable => LearningDesk.Editable(Round.Status);

    public string CaseReference(string caseId) => CaseOptions.FirstOrDefault(c => c.Item1 == caseId).Item2 ?? caseId;

    public IActionResult OnGet(string id) => Load(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (Load(id) is { } refused)
        {
            return refused;
        }

        if (!Editable)
        {
            return RedirectToPage("/Rounds/Learning", new { id });
        }

        if (!Enum.TryParse<LearningKind>(Input.Kind, out var kind))
        {
            this.AddError("Input.Kind", "Select whether this is a strength or an area for development");
        }

        if (string.IsNullOrWhiteSpace(Input.Text))
        {
            this.AddError("Input.Text", "Describe what the round showed");
        }
        else if (Input.Text.Length > LearningPoint.MaxText)
        {
            this.AddError("Input.Text", $"The learning point must be {LearningPoint.MaxText:N0} characters or fewer (it has {Input.Text.Length:N0})");
        }

        var questions = Input.QuestionIds.Where(q => QuestionOptions.Any(o => o.Item1 == q)).Distinct().ToList();
        var cases = Input.CaseIds.Where(c => CaseOptions.Any(o => o.Item1 == c)).Distinct().ToList();
        if (questions.Count + cases.Count == 0)
        {
            this.AddError("Input.QuestionIds", "Select at least one question or case that evidences it");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var point = new LearningPoint
        {
            RoundId = id, Kind = kind, Text = Input.Text!.Trim(), QuestionIds = questions, CaseIds = cases,
        };
        TempData["Done"] = await desk.AddAsync(point, HttpContext.Actor()) ?? "Learning point added.";
        return RedirectToPage("/Rounds/Learning", new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id, string pointId)
    {
        if (Load(id) is not null || store.LearningPoints.FindById(pointId) is not { RoundId: var roundId } || roundId != id)
        {
            return NotFound();
        }

        if (Editable)
        {
            TempData["Done"] = await desk.RemoveAsync(id, pointId, HttpContext.Actor()) ?? "Learning point removed.";
        }

        return RedirectToPage("/Rounds/Learning", new { id });
    }

    private IActionResult? Load(string id)
    {
        if (store.Rounds.FindById(id) is not { } round)
        {
            return NotFound();
        }

        Round = round;
        Points = store.LearningPoints.Find(l => l.RoundId == id).OrderBy(l => l.RecordedAt).ToList();
        var template = templates.Parse(templates.Find(round.TemplateId, round.TemplateVersion)!);
        QuestionOptions = template.Questions.Where(q => q.Answer == AnswerKind.Grade).Select(q => (q.Id, $"{q.Id} {q.Text}")).ToList();
        CaseOptions = store.Cases.Find(c => c.RoundId == id).OrderBy(c => c.Reference).Select(c => (c.Id, c.Reference)).ToList();
        return null;
    }

    public sealed class InputModel
    {
        public string? Kind { get; set; }

        public string? Text { get; set; }

        public List<string> QuestionIds { get; set; } = [];

        public List<string> CaseIds { get; set; } = [];
    }
}
