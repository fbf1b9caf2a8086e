using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Moderation;

/// The RoundFixture round moved to Panel, with both agencies' returns submitted: police and
/// health agree ("Partly") everywhere except SU-01 (Yes / No: two steps apart) and SU-02
/// (Yes / Partly: one step).
public static class PanelRound
{
    public const string PoliceEvidence = "Police supervision log shows monthly reflective sessions.";

    public static RoundFixture Create(CaseAuditApp app, string? roundId = null)
    {
        var fixture = RoundFixture.Grading(app, id: roundId);
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var template = Supervision(app);
        fixture.Round.Status = RoundStatus.Panel;
        store.Rounds.Update(fixture.Round);
        Submit(store, template, fixture.PoliceReturn, new() { ["SU-01"] = "Yes", ["SU-02"] = "Yes" }, PoliceEvidence);
        Submit(store, template, fixture.HealthReturn, new() { ["SU-01"] = "No", ["SU-02"] = "Partly" }, "Health notes are silent on supervision.");
        return fixture;
    }

    public static AuditTemplate Supervision(CaseAuditApp app)
    {
        var library = app.Services.GetRequiredService<TemplateLibrary>();
        return library.Parse(library.Find("supervision", "1.0")!);
    }

    /// Every field of a complete moderation, as a panel would fill it in.
    public static Dictionary<string, string> Complete(AuditTemplate template)
    {
        var values = new Dictionary<string, string> { ["OverallGrade"] = "Partly", ["Rationale"] = "Supervision happened but rarely tested the plan." };
        foreach (var q in template.Questions.Where(q => q.Answer == AnswerKind.Grade))
        {
            values[ModerationRules.Field(q.Id, "Grade")] = "Partly";
        }

        return values;
    }

    public static string CaseUrl(RoundFixture f) => $"/rounds/{f.Round.Id}/moderation/{f.Case.Id}";

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> values, string action)
    {
        var form = (await client.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>("main form")!;
        values["action"] = action;
        return await client.SubmitAsync(form, values);
    }

    private static void Submit(CaseAuditStore store, AuditTemplate template, AgencyReturn r, Dictionary<string, string> grades, string evidence)
    {
        foreach (var q in template.Questions)
        {
            r.Answers[q.Id] = q.Answer == AnswerKind.Text
                ? new Answer { Text = $"Reflection on {q.Id}" }
                : new Answer { Grade = grades.GetValueOrDefault(q.Id, "Partly"), Evidence = $"{evidence} ({q.Id})" };
        }

        r.OverallGrade = "Partly";
        r.ChildVoiceSummary = "The child said nobody asked her.";
        r.Status = ReturnStatus.Submitted;
        r.Version = 2;
        store.Returns.Update(r);
    }
}
