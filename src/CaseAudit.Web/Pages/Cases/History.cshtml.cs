using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Security;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Cases;

/// The Kirklees plan's "longitudinal multi-agency case file audit": one case reference audited
/// in several rounds, its grades side by side.
[Authorize(Policy = Policies.Coordinator)]
public sealed class HistoryModel(CaseAuditStore store, TemplateLibrary templates) : PageModel
{
    public sealed record Column(Round Round, IReadOnlyDictionary<string, string> Grades);

    public string Reference { get; private set; } = "";

    public IReadOnlyList<Column> Columns { get; private set; } = [];

    public IReadOnlyList<(string Id, string Text)> Questions { get; private set; } = [];

    public IActionResult OnGet(string reference)
    {
        // Ignoring case explicitly, as everywhere else, rather than relying on the data file's collation.
        var cases = store.Cases.FindAll().Where(c => string.Equals(c.Reference, reference, StringComparison.OrdinalIgnoreCase)).ToList();
        Reference = cases.FirstOrDefault()?.Reference ?? reference;
        var agencies = store.Agencies.FindAll().ToDictionary(a => a.Id, a => a.ShortName);
        var columns = new List<Column>();
        var questions = new Dictionary<string, string>();
        foreach (var sampled in cases)
        {
            // A case left behind by a deleted round has nothing to show beside the others.
            if (store.Rounds.FindById(sampled.RoundId) is not { } round)
            {
                continue;
            }

            var grades = GradesOf(sampled, agencies);
            var stored = templates.Find(round.TemplateId, round.TemplateVersion);
            foreach (var q in stored is null ? Enumerable.Empty<TemplateQuestion>() : templates.Parse(stored).Questions.Where(q => q.Answer == AnswerKind.Grade))
            {
                questions.TryAdd(q.Id, q.Text);
            }

            // Without its template version the grades still show, under their question ids.
            foreach (var id in stored is null ? grades.Keys.ToList() : [])
            {
                questions.TryAdd(id, id);
            }

            columns.Add(new Column(round, grades));
        }

        if (columns.Count == 0)
        {
            return NotFound();
        }

        Columns = columns.OrderBy(c => c.Round.PeriodTo).ToList();
        Questions = questions.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => (q.Key, q.Value)).ToList();
        return Page();
    }

    private Dictionary<string, string> GradesOf(SampledCase sampled, IReadOnlyDictionary<string, string> agencies)
    {
        static string Shown(bool notApplicable, string? grade) => notApplicable ? "N/A" : grade ?? "–";
        if (store.Moderations.FindById(sampled.Id) is { Status: ModerationStatus.Moderated } moderation)
        {
            return moderation.Agreed.ToDictionary(a => a.Key, a => $"{Shown(a.Value.NotApplicable, a.Value.Grade)} (agreed)");
        }

        return store.Returns.Find(r => r.CaseId == sampled.Id && r.Status == ReturnStatus.Submitted).ToList()
            .SelectMany(r => r.Answers.Select(a => (Question: a.Key, Text: $"{agencies.GetValueOrDefault(r.AgencyId, r.AgencyId)}: {Shown(a.Value.NotApplicable, a.Value.Grade)}")))
            .GroupBy(x => x.Question)
            .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(x => x.Text)));
    }
}
