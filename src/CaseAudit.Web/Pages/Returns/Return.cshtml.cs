using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Security;
using Humanizer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaseAudit.Web.Pages.Returns;

/// A return opens on a GOV.UK task list: each template section, then the overall grade, each
/// with how far it has got, and check answers at the end.
[Authorize(Policy = Policies.Auditor)]
public sealed class ReturnModel(ReturnAccess access) : PageModel
{
    public ReturnContext Context { get; private set; } = null!;

    public IReadOnlyList<TaskListItem> Tasks { get; private set; } = [];

    public sealed record TaskListItem(string Title, string Href, string Hint, SectionStatus Status);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var (context, refusal) = await access.LoadAsync(HttpContext, id);
        if (refusal is not null)
        {
            return refusal;
        }

        Context = context!;
        if (!ReturnLinks.Editable(Context))
        {
            return RedirectToPage("Check", new { id });
        }

        var (t, r) = (Context.Template, Context.Return);
        Tasks =
        [
            .. t.Sections.Select(s => new TaskListItem(s.Title, ReturnLinks.Section(id, s), Hint(s), ReturnSections.Status(t, s, r))),
            new TaskListItem("Overall grade and the child's voice", ReturnLinks.Overall(id), "2 questions", ReturnSections.OverallStatus(r)),
        ];
        return Page();
    }

    private static string Hint(TemplateSection s) =>
        s.Questions.Any(q => q.Answer == AnswerKind.Grade)
            ? "question".ToQuantity(s.Questions.Count)
            : $"{"question".ToQuantity(s.Questions.Count)}, optional";
}
