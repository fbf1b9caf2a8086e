using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Returns;

/// The steps of answering a return section by section, as an auditor takes them: open a
/// section's page, fill in its real form, press "Save and continue".
internal static class ReturnSteps
{
    public static AuditTemplate Supervision(CaseAuditApp app)
    {
        var library = app.Services.GetRequiredService<TemplateLibrary>();
        return library.Parse(library.Find("supervision", "1.0")!);
    }

    public static async Task<(HttpClient Client, RoundFixture Fixture)> PoliceAuditorAsync(CaseAuditApp app)
    {
        var fixture = RoundFixture.Grading(app);
        var auditor = await app.CreateUserAsync("pat.police", [Roles.Auditor], agencyId: TestUsers.AgencyId);
        return (await app.SignInAsync(auditor), fixture);
    }

    public static string SectionUrl(string returnId, string sectionId) => $"/returns/{returnId}/sections/{sectionId}";

    public static string OverallUrl(string returnId) => $"/returns/{returnId}/overall";

    /// Every field of one section, answered as an auditor would for a complete return.
    public static Dictionary<string, string> Complete(TemplateSection section)
    {
        var values = new Dictionary<string, string>();
        foreach (var q in section.Questions)
        {
            if (q.Answer == AnswerKind.Text)
            {
                values[ReturnRules.Field(q.Id, "Text")] = $"Reflection for {q.Id}";
            }
            else
            {
                values[ReturnRules.Field(q.Id, "Grade")] = "Partly";
                values[ReturnRules.Field(q.Id, "Evidence")] = $"Supervision notes for {q.Id} show the plan was reviewed but not tested.";
            }
        }

        return values;
    }

    public static Dictionary<string, string> CompleteOverall() => new()
    {
        ["OverallGrade"] = "Partly",
        ["ChildVoiceSummary"] = "The child said home was 'noisy and cold'; school notes she is often hungry.",
    };

    /// Opens a page and submits its form with the given values on top of what it already holds.
    public static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string url, Dictionary<string, string> values)
    {
        var form = (await client.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>("main form")!;
        return await client.SubmitAsync(form, values);
    }

    /// Answers every section and the overall part through their pages, in order.
    public static async Task CompleteAllAsync(CaseAuditApp app, HttpClient client, string returnId)
    {
        foreach (var section in Supervision(app).Sections)
        {
            AssertRedirect(await SaveAsync(client, SectionUrl(returnId, section.Id), Complete(section)));
        }

        AssertRedirect(await SaveAsync(client, OverallUrl(returnId), CompleteOverall()));
    }

    public static void AssertRedirect(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect, $"{(int)response.StatusCode}: expected a redirect after saving");

    public static AgencyReturn Stored(CaseAuditApp app, string id) => app.Services.GetRequiredService<CaseAuditStore>().Returns.FindById(id);
}
