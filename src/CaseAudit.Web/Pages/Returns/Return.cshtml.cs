using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Returns;
using CaseAudit.Web.Pages.Shared;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Returns;

[Authorize(Policy = Policies.Auditor)]
public sealed class ReturnModel(ReturnAccess access, ReturnDesk desk) : PageModel
{
    public ReturnContext Context { get; private set; } = null!;

    public Dictionary<string, Answer> Answers { get; private set; } = [];

    [BindProperty]
    public string? OverallGrade { get; set; }

    [BindProperty]
    public string? ChildVoiceSummary { get; set; }

    public int Version { get; private set; }

    /// Set when someone else saved first: their version, shown beside what this person typed.
    public AgencyReturn? Theirs { get; private set; }

    public IReadOnlyList<(string Question, string Theirs, string Yours)> Differences { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var (context, refusal) = await access.LoadAsync(HttpContext, id);
        if (refusal is not null)
        {
            return refusal;
        }

        Context = context!;
        if (!Editable(Context))
        {
            return Redirect($"/returns/{id}/check");
        }

        Answers = Context.Return.Answers;
        OverallGrade = Context.Return.OverallGrade;
        ChildVoiceSummary = Context.Return.ChildVoiceSummary;
        Version = Context.Return.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, int version, string? action)
    {
        var (context, refusal) = await access.LoadAsync(HttpContext, id);
        if (refusal is not null)
        {
            return refusal;
        }

        Context = context!;
        Answers = AnswerForm.Read(Request.HasFormContentType ? await Request.ReadFormAsync() : FormCollection.Empty);
        var typed = new AgencyReturn { Answers = Answers, OverallGrade = OverallGrade, ChildVoiceSummary = ChildVoiceSummary };
        var outcome = await desk.SaveAsync(Context.Template, id, version, typed, submit: false, HttpContext.Actor());
        Version = outcome.Current.Version;
        switch (outcome.Result)
        {
            case SaveResult.NotEditable:
                TempData["Notice"] = "This return can no longer be changed: it has been submitted or the round has moved on.";
                return Redirect($"/returns/{id}/check");
            case SaveResult.Conflict:
                Theirs = outcome.Current;
                Differences = Compare(Context.Template, outcome.Current, typed);
                return Page();
            case SaveResult.Refused:
                Version = version;
                AddErrors(outcome.Problems);
                return Page();
        }

        if (action != "check")
        {
            TempData["Done"] = "Your draft is saved.";
            return Redirect($"/returns/{id}");
        }

        var missing = ReturnRules.ForSubmit(Context.Template, outcome.Current);
        if (missing.Count > 0)
        {
            this.AddError("", "Your answers are saved as a draft. Complete the items below before you submit:");
            AddErrors(missing);
            return Page();
        }

        return Redirect($"/returns/{id}/check");
    }

    private void AddErrors(IEnumerable<ReturnProblem> problems)
    {
        foreach (var p in problems)
        {
            this.AddError(p.Field, p.Message);
        }
    }

    internal static bool Editable(ReturnContext c) => c.Return.Status != ReturnStatus.Submitted && c.Round.Status == RoundStatus.Grading;

    internal static string Shown(AuditTemplate template, TemplateQuestion q, Answer? a)
    {
        if (a is null || a.IsEmpty)
        {
            return "Not answered";
        }

        if (q.Answer == AnswerKind.Text)
        {
            return a.Text ?? "";
        }

        var grade = a.NotApplicable ? $"Not applicable: {a.NotApplicableReason}" : a.Grade ?? "No grade";
        return string.IsNullOrWhiteSpace(a.Evidence) ? grade : $"{grade}. Evidence: {a.Evidence}";
    }

    private static List<(string, string, string)> Compare(AuditTemplate template, AgencyReturn theirs, AgencyReturn yours)
    {
        var rows = template.Questions
            .Select(q => (Question: $"{q.Id} {q.Text}", Theirs: Shown(template, q, theirs.Answers.GetValueOrDefault(q.Id)), Yours: Shown(template, q, yours.Answers.GetValueOrDefault(q.Id))))
            .Where(r => r.Theirs != r.Yours)
            .ToList();
        if (theirs.OverallGrade != yours.OverallGrade)
        {
            rows.Add(("Overall grade", theirs.OverallGrade ?? "Not answered", yours.OverallGrade ?? "Not answered"));
        }

        if (theirs.ChildVoiceSummary != yours.ChildVoiceSummary)
        {
            rows.Add(("The child's voice", theirs.ChildVoiceSummary ?? "Not answered", yours.ChildVoiceSummary ?? "Not answered"));
        }

        return rows;
    }
}
