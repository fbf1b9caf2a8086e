using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Returns;
using CaseAudit.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CaseAudit.Web.Pages.Returns;

/// One template section of a return: its questions only, saved as a draft on "Save and continue".
[Authorize(Policy = Policies.Auditor)]
public sealed class SectionModel(ReturnAccess access, ReturnDesk desk) : ReturnPartModel(access)
{
    public TemplateSection Section { get; private set; } = null!;

    /// 1 for the template's first section.
    public int Number { get; private set; }

    public Dictionary<string, Answer> Answers { get; private set; } = [];

    // Route values only: a posted "sectionId" must not move the save to another section.
    public async Task<IActionResult> OnGetAsync([FromRoute] string id, [FromRoute] string sectionId)
    {
        if (await LoadSectionAsync(id, sectionId) is { } refusal)
        {
            return refusal;
        }

        if (!ReturnLinks.Editable(Context))
        {
            return RedirectToPage("Check", new { id });
        }

        Answers = Context.Return.Answers;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string id, [FromRoute] string sectionId, int version)
    {
        if (await LoadSectionAsync(id, sectionId) is { } refusal)
        {
            return refusal;
        }

        Answers = AnswerForm.Read(Request.HasFormContentType ? await Request.ReadFormAsync() : FormCollection.Empty);
        var outcome = await desk.SaveSectionAsync(Context.Template, id, version, Section, Answers, HttpContext.Actor());
        var sections = Context.Template.Sections;
        var next = Number < sections.Count
            ? RedirectToPage("Section", new { id, sectionId = sections[Number].Id })
            : RedirectToPage("Overall", new { id });
        return Show(outcome, version, theirs => Compare(theirs.Answers), next);
    }

    private async Task<IActionResult?> LoadSectionAsync(string id, string sectionId)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        var index = Context.Template.Sections.ToList().FindIndex(s => s.Id == sectionId);
        if (index < 0)
        {
            return NotFound();
        }

        Section = Context.Template.Sections[index];
        Number = index + 1;
        return null;
    }

    private List<(string, string, string)> Compare(Dictionary<string, Answer> theirs) =>
        Section.Questions
            .Select(q => (Question: $"{q.Id} {q.Text}", Theirs: ReturnLinks.Shown(q, theirs.GetValueOrDefault(q.Id)), Yours: ReturnLinks.Shown(q, Answers.GetValueOrDefault(q.Id))))
            .Where(r => r.Theirs != r.Yours)
            .Select(r => (r.Question, r.Theirs, r.Yours))
            .ToList();
}
