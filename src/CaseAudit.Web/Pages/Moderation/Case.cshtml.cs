using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Moderation;
using CaseAudit.Web.Pages.Shared;
using CaseAudit.Web.Returns;
using CaseAudit.Web.Security;
using CaseAudit.Web.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CaseAudit.Web.Pages.Moderation;

/// One agency's column in the side-by-side table; Return is null until the agency submits.
public sealed record AgencyColumn(string AgencyId, string Name, AgencyReturn? Return);

// Signed in is enough at policy level: panel membership is per round, checked by PanelPageModel.
[Authorize(Policy = Policies.SignedIn)]
public sealed class ModerationCaseModel(PanelAccess access, CaseAuditStore store, TemplateLibrary templates, PanelDesk desk) : PanelPageModel(access)
{
    public const int BlankDissentRows = 3;

    public SampledCase Case { get; private set; } = null!;

    public AuditTemplate Template { get; private set; } = null!;

    public IReadOnlyList<AgencyColumn> Columns { get; private set; } = [];

    [BindProperty]
    public Dictionary<string, AgreedGrade> Agreed { get; set; } = [];

    [BindProperty]
    public string? OverallGrade { get; set; }

    [BindProperty]
    public string? Rationale { get; set; }

    [BindProperty]
    public List<Dissent> Dissents { get; set; } = [];

    public int Version { get; private set; }

    public ModerationStatus Status { get; private set; }

    /// Set when someone else saved first: their version, shown beside what this person typed.
    public CaseModeration? Theirs { get; private set; }

    public IReadOnlyList<(string Item, string Theirs, string Yours)> Differences { get; private set; } = [];

    public bool Editable => Round.Status == RoundStatus.Panel;

    public IActionResult OnGet(string caseId)
    {
        if (Load(caseId) is { } refused)
        {
            return refused;
        }

        if (Open)
        {
            var current = desk.Find(Case);
            Agreed = current.Agreed;
            OverallGrade = current.OverallGrade;
            Rationale = current.Rationale;
            Dissents = [.. current.Dissents];
            Version = current.Version;
            Status = current.Status;
        }

        PadDissents();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string caseId, int version, string? action)
    {
        if (Load(caseId) is { } refused)
        {
            return refused;
        }

        // Bare "Agreed[X]=" or "Dissents[0]=" bind to nulls; a blank dissent keeps the rows' numbering.
        Agreed = Agreed.Where(a => a.Value is not null).ToDictionary();
        Dissents = [.. Dissents.Select(d => d ?? new Dissent())];
        foreach (var agreed in Agreed.Values.Where(a => a.Grade == GradingScale.NotApplicable))
        {
            agreed.Grade = null;
            agreed.NotApplicable = true;
        }

        var complete = action == "complete";
        var typed = new CaseModeration { Agreed = Agreed, OverallGrade = OverallGrade, Rationale = Rationale ?? "", Dissents = Dissents };
        var outcome = await desk.SaveAsync(Template, Case, version, typed, complete, HttpContext.Actor());
        Version = outcome.Current.Version;
        Status = outcome.Current.Status;
        switch (outcome.Result)
        {
            case SaveResult.NotEditable:
                TempData["Done"] = "The panel's moderation can only be changed while the round is in Panel.";
                return RedirectToPage("/Moderation/Case", new { id = Round.Id, caseId = Case.Id });
            case SaveResult.Conflict:
                Theirs = outcome.Current;
                Differences = Compare(Template, outcome.Current, typed);
                PadDissents();
                return Page();
            case SaveResult.Refused:
                Version = version;
                foreach (var p in outcome.Problems)
                {
                    this.AddError(p.Field, p.Message);
                }

                PadDissents();
                return Page();
        }

        if (complete)
        {
            TempData["Done"] = $"Case {Case.Reference} is moderated.";
            return RedirectToPage("/Moderation/Index", new { id = Round.Id });
        }

        TempData["Done"] = "The panel's draft is saved.";
        return RedirectToPage("/Moderation/Case", new { id = Round.Id, caseId = Case.Id });
    }

    public string AgencyName(string agencyId) => Columns.FirstOrDefault(c => c.AgencyId == agencyId)?.Name ?? agencyId;

    private IActionResult? Load(string caseId)
    {
        if (store.Cases.FindById(caseId) is not { } sampled || sampled.RoundId != Round.Id
            || templates.TemplateOf(Round.TemplateId, Round.TemplateVersion) is not { } template)
        {
            return NotFound();
        }

        Case = sampled;
        Template = template;
        if (Open)
        {
            var names = store.Agencies.FindAll().ToDictionary(a => a.Id, a => a.Name);
            Columns = [.. Round.AgencyIds.Where(sampled.AgencyIds.Contains).Select(agency => new AgencyColumn(
                agency,
                names.GetValueOrDefault(agency, agency),
                store.Returns.FindById(AgencyReturn.KeyOf(sampled.Id, agency)) is { Status: ReturnStatus.Submitted } r ? r : null))];
        }

        return null;
    }

    // Without script a repeating group cannot grow, so there are always a few blank rows to use.
    private void PadDissents()
    {
        var wanted = Dissents.Count(d => !d.IsBlank) + BlankDissentRows;
        while (Dissents.Count < wanted)
        {
            Dissents.Add(new Dissent());
        }
    }

    private static string Shown(AgreedGrade? a) =>
        a is null || a.IsEmpty ? "Not agreed" : $"{(a.NotApplicable ? GradingScale.NotApplicable : a.Grade ?? "No grade")}{(string.IsNullOrWhiteSpace(a.Rationale) ? "" : $": {a.Rationale}")}";

    private static List<(string, string, string)> Compare(AuditTemplate template, CaseModeration theirs, CaseModeration yours)
    {
        var rows = template.Questions.Where(q => q.Answer == AnswerKind.Grade)
            .Select(q => (Item: q.Id, Theirs: Shown(theirs.Agreed.GetValueOrDefault(q.Id)), Yours: Shown(yours.Agreed.GetValueOrDefault(q.Id))))
            .Where(r => r.Theirs != r.Yours)
            .ToList();
        if (theirs.OverallGrade != yours.OverallGrade)
        {
            rows.Add(("Overall grade", theirs.OverallGrade ?? "Not agreed", yours.OverallGrade ?? "Not agreed"));
        }

        if (theirs.Rationale != yours.Rationale)
        {
            rows.Add(("Rationale", theirs.Rationale, yours.Rationale));
        }

        return rows;
    }
}
