using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;
using static CaseAudit.Tests.Pages.Returns.ReturnSteps;

namespace CaseAudit.Tests.Pages.Returns;

public sealed class ReturnFormTests
{
    private const string First = "regular-reflective-supervision";
    private const string Second = "spotting-drift";

    [Fact]
    public async Task A_draft_saves_with_anything_missing_and_keeps_exactly_what_was_typed()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var typed = "  Two supervisions in six months;\nneither mentions the chronology.  ";

        var response = await SaveAsync(client, SectionUrl(fixture.PoliceReturn.Id, First), new()
        {
            [ReturnRules.Field("SU-01", "Grade")] = "No",
            [ReturnRules.Field("SU-01", "Evidence")] = typed,
        });

        Assert.Equal(SectionUrl(fixture.PoliceReturn.Id, Second), response.Headers.Location!.OriginalString);
        var saved = Stored(app, fixture.PoliceReturn.Id);
        Assert.Equal(ReturnStatus.InProgress, saved.Status);
        Assert.Equal(1, saved.Version);
        Assert.Equal("No", saved.Answers["SU-01"].Grade);
        Assert.Equal(typed, saved.Answers["SU-01"].Evidence);
        var page = await client.GetDocumentAsync(SectionUrl(fixture.PoliceReturn.Id, First));
        Assert.True(page.QuerySelector<IHtmlInputElement>("input[name='Answers[SU-01].Grade'][value=No]")!.IsChecked);
        var entry = Assert.Single(app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "return.saved" }));
        Assert.Contains("\"SU-01\":\"No\"", entry.After);
        Assert.StartsWith($"Saved draft of section {First} of the police return", entry.Summary);
    }

    [Fact]
    public async Task A_complete_return_goes_section_by_section_through_check_answers_and_is_then_read_only()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var id = fixture.PoliceReturn.Id;
        var sections = Supervision(app).Sections;

        // Each "Save and continue" leads to the next section, the last to the overall part, and
        // that back to the task list.
        for (var i = 0; i < sections.Count; i++)
        {
            var values = Complete(sections[i]);
            if (sections[i].Id == First)
            {
                values[ReturnRules.Field("SU-02", "Grade")] = GradingScale.NotApplicable;
                values[ReturnRules.Field("SU-02", "NotApplicableReason")] = "No supervision policy applies to this agency's role.";
            }

            var saved = await SaveAsync(client, SectionUrl(id, sections[i].Id), values);
            Assert.Equal(i + 1 < sections.Count ? SectionUrl(id, sections[i + 1].Id) : OverallUrl(id), saved.Headers.Location!.OriginalString);
        }

        var last = await SaveAsync(client, OverallUrl(id), CompleteOverall());
        Assert.Equal($"/returns/{id}", last.Headers.Location!.OriginalString);

        var check = await client.GetDocumentAsync($"/returns/{id}/check");
        Assert.Contains("Not applicable", check.QuerySelector(".govuk-summary-list")!.TextContent);
        var submitted = await client.SubmitAsync(check.QuerySelector<IHtmlFormElement>("main form")!);

        Assert.Equal("/returns", submitted.Headers.Location!.OriginalString);
        var stored = Stored(app, id);
        Assert.Equal(ReturnStatus.Submitted, stored.Status);
        Assert.True(stored.Answers["SU-02"].NotApplicable);
        Assert.Null(stored.Answers["SU-02"].Grade);
        Assert.Equal("The child said home was 'noisy and cold'; school notes she is often hungry.", stored.ChildVoiceSummary);
        foreach (var url in new[] { $"/returns/{id}", SectionUrl(id, First), OverallUrl(id) })
        {
            Assert.Equal($"/returns/{id}/check", (await client.GetAsync(url)).Headers.Location!.OriginalString);
        }

        var readOnly = await client.GetDocumentAsync($"/returns/{id}/check");
        Assert.Null(readOnly.QuerySelector("main form"));
        Assert.Empty(readOnly.QuerySelectorAll(".govuk-summary-list__actions"));
        var token = check.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var late = await client.PostAsync(SectionUrl(id, First), new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("version", $"{stored.Version}"), new(ReturnRules.Field("SU-01", "Grade"), "No")]));
        Assert.Equal($"/returns/{id}/check", late.Headers.Location!.OriginalString);
        Assert.Equal("Partly", Stored(app, id).Answers["SU-01"].Grade);
        Assert.Single(app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "return.submitted" }));
    }

    [Fact]
    public async Task Over_long_evidence_gets_a_message_not_truncation()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var tooLong = new string('e', ReturnRules.MaxEvidence + 1);

        var response = await SaveAsync(client, SectionUrl(fixture.PoliceReturn.Id, First), new() { [ReturnRules.Field("SU-01", "Evidence")] = tooLong });

        var page = await response.ReadDocumentAsync();
        Assert.Contains("4,000 characters or fewer", page.QuerySelector("#Answers_SU-01__Evidence-error")!.TextContent);
        Assert.Equal(tooLong, page.QuerySelector<IHtmlTextAreaElement>("#Answers_SU-01__Evidence")!.Value);
        Assert.Equal(0, Stored(app, fixture.PoliceReturn.Id).Version);
    }

    [Fact]
    public async Task An_auditor_is_refused_another_agencys_return_on_every_page_by_crafted_get_and_post_and_it_is_audited()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture) = await PoliceAuditorAsync(app);
        var token = (await client.GetDocumentAsync(SectionUrl(fixture.PoliceReturn.Id, First))).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var health = fixture.HealthReturn.Id;
        string[] pages = [$"/returns/{health}/sections/{First}", $"/returns/{health}/sections/{Second}", $"/returns/{health}/overall", $"/returns/{health}/check", $"/returns/{health}/concern"];

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/returns/{health}")).StatusCode);
        foreach (var url in pages)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
            var post = await client.PostAsync(url, new FormUrlEncodedContent([
                new("__RequestVerificationToken", token), new("version", "0"), new(ReturnRules.Field("SU-01", "Grade"), "No"), new(ReturnRules.Field("SU-05", "Grade"), "No"),
                new("OverallGrade", "No"), new("ChildVoiceSummary", "Crafted"),
            ]));
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        var stored = Stored(app, health);
        Assert.Equal(0, stored.Version);
        Assert.Empty(stored.Answers);
        Assert.Null(stored.OverallGrade);
        var refusals = app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "access.refused" });
        Assert.Equal(1 + 2 * pages.Length, refusals.Count);
        Assert.All(refusals, e => Assert.Equal("pat.police", e.ActorName));
        var myReturns = await client.GetDocumentAsync("/returns");
        Assert.DoesNotContain(health, myReturns.Body!.InnerHtml);
        Assert.Contains(fixture.PoliceReturn.Id, myReturns.Body.InnerHtml);
    }

    [Fact]
    public async Task My_returns_is_a_task_list_with_counts_and_the_deadline_in_words()
    {
        await using var app = new CaseAuditApp();
        var (client, _) = await PoliceAuditorAsync(app);

        var page = await client.GetDocumentAsync("/returns");

        Assert.Contains("0 of 1 completed", page.QuerySelector("main")!.TextContent);
        Assert.Contains("due in 1 week", page.QuerySelector("main")!.TextContent);
        Assert.Equal("Not started", page.QuerySelector(".govuk-task-list__status")!.TextContent.Trim());
    }
}
