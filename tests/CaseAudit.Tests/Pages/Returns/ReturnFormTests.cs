using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Returns;

public sealed class ReturnFormTests
{
    private static AuditTemplate Supervision(CaseAuditApp app)
    {
        var library = app.Services.GetRequiredService<TemplateLibrary>();
        return library.Parse(library.Find("supervision", "1.0")!);
    }

    /// Every field of a complete return, as an auditor would fill it in.
    private static Dictionary<string, string> Complete(AuditTemplate template)
    {
        var values = new Dictionary<string, string> { ["OverallGrade"] = "Partly", ["ChildVoiceSummary"] = "The child said home was 'noisy and cold'; school notes she is often hungry." };
        foreach (var q in template.Questions)
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

    private static async Task<(HttpClient Client, RoundFixture Fixture)> PoliceAuditorAsync(CaseAuditApp app)
    {
        var fixture = RoundFixture.Grading(app);
        var auditor = await app.CreateUserAsync("pat.police", [Roles.Auditor], agencyId: TestUsers.AgencyId);
        return (await app.SignInAsync(auditor), fixture);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> values, string action)
    {
        var form = (await client.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>("main form")!;
        values["action"] = action;
        return await client.SubmitAsync(form, values);
    }

    private static AgencyReturn Stored(CaseAuditApp app, string id) => app.Services.GetRequiredService<CaseAuditStore>().Returns.FindById(id);

    [Fact]
    public async Task A_draft_saves_with_anything_missing_and_keeps_exactly_what_was_typed()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var typed = "  Two supervisions in six months;\nneither mentions the chronology.  ";

        var response = await PostFormAsync(client, $"/returns/{fixture.PoliceReturn.Id}", new()
        {
            [ReturnRules.Field("SU-01", "Grade")] = "No",
            [ReturnRules.Field("SU-01", "Evidence")] = typed,
        }, "draft");

        Assert.Equal($"/returns/{fixture.PoliceReturn.Id}", response.Headers.Location!.OriginalString);
        var saved = Stored(app, fixture.PoliceReturn.Id);
        Assert.Equal(ReturnStatus.InProgress, saved.Status);
        Assert.Equal(1, saved.Version);
        Assert.Equal("No", saved.Answers["SU-01"].Grade);
        Assert.Equal(typed, saved.Answers["SU-01"].Evidence);
        var page = await client.GetDocumentAsync($"/returns/{fixture.PoliceReturn.Id}");
        Assert.True(page.QuerySelector<IHtmlInputElement>("input[name='Answers[SU-01].Grade'][value=No]")!.IsChecked);
        Assert.Contains(app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "return.saved" }), e => e.After!.Contains("\"SU-01\":\"No\""));
    }

    [Fact]
    public async Task Submit_is_refused_while_a_required_answer_is_missing_and_the_summary_links_to_the_field()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var values = Complete(Supervision(app));
        values.Remove(ReturnRules.Field("SU-03", "Grade"));
        values[ReturnRules.Field("SU-05", "Evidence")] = "";

        var response = await PostFormAsync(client, $"/returns/{fixture.PoliceReturn.Id}", values, "check");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var links = page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (Href: a.GetAttribute("href")!, Text: a.TextContent.Trim())).ToList();
        Assert.Contains(links, l => l.Href == "#Answers_SU-03__Grade" && l.Text.StartsWith("SU-03: choose a grade", StringComparison.Ordinal));
        Assert.Contains(links, l => l.Href == "#Answers_SU-05__Evidence" && l.Text == "SU-05: enter the evidence for your grade");
        Assert.NotNull(page.QuerySelector("#Answers_SU-03__Grade"));
        Assert.NotNull(page.QuerySelector("#Answers_SU-05__Evidence"));
        Assert.Equal("Partly", page.QuerySelector<IHtmlInputElement>("input[name='Answers[SU-01].Grade']:checked")!.Value);
        Assert.NotEqual(ReturnStatus.Submitted, Stored(app, fixture.PoliceReturn.Id).Status);
    }

    [Fact]
    public async Task A_complete_return_goes_through_check_your_answers_and_is_then_read_only()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var values = Complete(Supervision(app));
        values[ReturnRules.Field("SU-02", "Grade")] = GradingScale.NotApplicable;
        values[ReturnRules.Field("SU-02", "NotApplicableReason")] = "No supervision policy applies to this agency's role.";

        var toCheck = await PostFormAsync(client, $"/returns/{fixture.PoliceReturn.Id}", values, "check");
        Assert.Equal($"/returns/{fixture.PoliceReturn.Id}/check", toCheck.Headers.Location!.OriginalString);
        var check = await client.GetDocumentAsync(toCheck.Headers.Location.OriginalString);
        Assert.Contains("Not applicable", check.QuerySelector(".govuk-summary-list")!.TextContent);

        var submitted = await client.SubmitAsync(check.QuerySelector<IHtmlFormElement>("main form")!);

        Assert.Equal("/returns", submitted.Headers.Location!.OriginalString);
        var stored = Stored(app, fixture.PoliceReturn.Id);
        Assert.Equal(ReturnStatus.Submitted, stored.Status);
        Assert.True(stored.Answers["SU-02"].NotApplicable);
        Assert.Null(stored.Answers["SU-02"].Grade);
        Assert.Equal($"/returns/{fixture.PoliceReturn.Id}/check", (await client.GetAsync($"/returns/{fixture.PoliceReturn.Id}")).Headers.Location!.OriginalString);
        var readOnly = await client.GetDocumentAsync($"/returns/{fixture.PoliceReturn.Id}/check");
        Assert.Null(readOnly.QuerySelector("main form"));
        var late = await client.PostAsync($"/returns/{fixture.PoliceReturn.Id}", new FormUrlEncodedContent([new("__RequestVerificationToken", check.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value), new("version", "2")]));
        Assert.Equal(ReturnStatus.Submitted, Stored(app, fixture.PoliceReturn.Id).Status);
        Assert.Single(app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "return.submitted" }));
    }

    [Fact]
    public async Task Saving_over_a_newer_version_shows_both_and_keeps_what_you_typed()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var colleague = await app.SignInAsync(await app.CreateUserAsync("sam.police", [Roles.Auditor], agencyId: TestUsers.AgencyId));
        var url = $"/returns/{fixture.PoliceReturn.Id}";
        var myForm = (await client.GetDocumentAsync(url)).QuerySelector<IHtmlFormElement>("main form")!;
        await PostFormAsync(colleague, url, new() { [ReturnRules.Field("SU-01", "Grade")] = "Yes", [ReturnRules.Field("SU-01", "Evidence")] = "Their evidence" }, "draft");

        var mine = "My evidence, typed carefully over twenty minutes.";
        var response = await client.SubmitAsync(myForm, new Dictionary<string, string>
        {
            [ReturnRules.Field("SU-01", "Grade")] = "No", [ReturnRules.Field("SU-01", "Evidence")] = mine, ["action"] = "draft",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var conflict = page.QuerySelector("#conflict")!.TextContent;
        Assert.Contains("Their evidence", conflict);
        Assert.Contains(mine, conflict);
        Assert.Equal(mine, page.QuerySelector<IHtmlTextAreaElement>("#Answers_SU-01__Evidence")!.Value);
        Assert.Equal("Their evidence", Stored(app, fixture.PoliceReturn.Id).Answers["SU-01"].Evidence);

        // Saving again from the conflict page is a deliberate choice and replaces theirs.
        var again = await client.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["action"] = "draft" });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(mine, Stored(app, fixture.PoliceReturn.Id).Answers["SU-01"].Evidence);
    }

    [Fact]
    public async Task Over_long_evidence_gets_a_message_not_truncation()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var tooLong = new string('e', ReturnRules.MaxEvidence + 1);

        var response = await PostFormAsync(client, $"/returns/{fixture.PoliceReturn.Id}", new() { [ReturnRules.Field("SU-01", "Evidence")] = tooLong }, "draft");

        var page = await response.ReadDocumentAsync();
        Assert.Contains("4,000 characters or fewer", page.QuerySelector("#Answers_SU-01__Evidence-error")!.TextContent);
        Assert.Equal(tooLong, page.QuerySelector<IHtmlTextAreaElement>("#Answers_SU-01__Evidence")!.Value);
        Assert.Equal(0, Stored(app, fixture.PoliceReturn.Id).Version);
    }

    [Fact]
    public async Task An_auditor_is_refused_another_agencys_return_by_crafted_get_and_post_and_it_is_audited()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var token = (await client.GetDocumentAsync($"/returns/{fixture.PoliceReturn.Id}")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var health = fixture.HealthReturn.Id;

        foreach (var url in new[] { $"/returns/{health}", $"/returns/{health}/check", $"/returns/{health}/concern" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
            var post = await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("version", "0"), new(ReturnRules.Field("SU-01", "Grade"), "No")]));
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        Assert.Equal(0, Stored(app, health).Version);
        var refusals = app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "access.refused" });
        Assert.Equal(6, refusals.Count);
        Assert.All(refusals, e => Assert.Equal("pat.police", e.ActorName));
        var myReturns = await client.GetDocumentAsync("/returns");
        Assert.DoesNotContain(health, myReturns.Body!.InnerHtml);
        Assert.Contains(fixture.PoliceReturn.Id, myReturns.Body.InnerHtml);
    }

    [Fact]
    public async Task My_returns_is_a_task_list_with_counts_and_the_deadline_in_words()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);

        var page = await client.GetDocumentAsync("/returns");

        Assert.Contains("0 of 1 completed", page.QuerySelector("main")!.TextContent);
        Assert.Contains("due in 1 week", page.QuerySelector("main")!.TextContent);
        Assert.Equal("Not started", page.QuerySelector(".govuk-task-list__status")!.TextContent.Trim());
    }
}
