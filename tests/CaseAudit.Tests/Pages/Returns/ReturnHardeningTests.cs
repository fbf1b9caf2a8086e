using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Returns;

public sealed class ReturnHardeningTests
{
    private static async Task<(HttpClient Client, RoundFixture Fixture, string Token)> PoliceAuditorAsync(CaseAuditApp app)
    {
        var fixture = RoundFixture.Grading(app);
        var client = await app.SignInAsync(await app.CreateUserAsync("pat.police", [Roles.Auditor], agencyId: TestUsers.AgencyId));
        var token = (await client.GetDocumentAsync(Section(fixture, First))).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        return (client, fixture, token);
    }

    private const string First = "regular-reflective-supervision";

    private static string Section(RoundFixture fixture, string section) => $"/returns/{fixture.PoliceReturn.Id}/sections/{section}";

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string token, params (string Name, string Value)[] fields) =>
        client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));

    private static AgencyReturn Stored(CaseAuditApp app, string id) => app.Services.GetRequiredService<CaseAuditStore>().Returns.FindById(id);

    private static IReadOnlyList<AuditEntry> Entries(CaseAuditApp app, string type) =>
        app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = type });

    [Fact]
    public async Task Answers_for_questions_the_template_does_not_have_are_refused_and_not_stored_or_audited()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture, token) = await PoliceAuditorAsync(app);
        var url = Section(fixture, First);

        var response = await PostAsync(client, url, token, ("version", "0"),
            (ReturnRules.Field("SU-01", "Grade"), "No"), (ReturnRules.Field("ZZ-99", "Evidence"), new string('x', 50_000)), (ReturnRules.Field("ZZ-98", "Grade"), "Yes"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains("ZZ-99 is not a question of this template", summary);
        Assert.Contains("ZZ-98 is not a question of this template", summary);
        Assert.Equal(0, Stored(app, fixture.PoliceReturn.Id).Version);
        Assert.Empty(Entries(app, "return.saved"));
    }

    [Fact]
    public async Task A_grade_for_a_free_text_question_is_refused()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture, token) = await PoliceAuditorAsync(app);

        var response = await PostAsync(client, Section(fixture, "practitioner-reflection"), token, ("version", "0"),
            (ReturnRules.Field("SU-15", "Grade"), "Yes"), (ReturnRules.Field("SU-15", "Text"), "A reflection"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("SU-15 is answered in words, not graded", (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(0, Stored(app, fixture.PoliceReturn.Id).Version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Answers[SU-01]")]
    [InlineData("Answers[]")]
    [InlineData("Answers[].Grade")]
    public async Task A_section_save_with_no_answer_fields_or_a_bare_answer_key_is_not_a_server_error(string? bare)
    {
        await using var app = new CaseAuditApp();
        var (client, fixture, token) = await PoliceAuditorAsync(app);
        (string, string)[] fields = bare is null ? [("version", "0")] : [("version", "0"), (bare, "")];

        foreach (var url in new[] { Section(fixture, First), $"/returns/{fixture.PoliceReturn.Id}/overall" })
        {
            var response = await PostAsync(client, url, token, fields);
            Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_bare_key_on_the_moderation_case_page_is_not_a_server_error()
    {
        await using var app = new CaseAuditApp();
        var fixture = CaseAudit.Tests.Pages.Moderation.PanelRound.Create(app);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);
        var url = CaseAudit.Tests.Pages.Moderation.PanelRound.CaseUrl(fixture);
        var token = (await coordinator.GetDocumentAsync(url)).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        foreach (var action in new[] { "draft", "complete" })
        {
            var response = await PostAsync(coordinator, url, token, ("version", "0"), ("action", action), ("Agreed[SU-01]", ""), ("Dissents[0]", ""), ("Dissents[1].Reason", "x"));
            Assert.True((int)response.StatusCode < 500, $"{action}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Submitting_records_the_status_and_grades_and_an_unchanged_save_and_continue_writes_no_entry()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture, token) = await PoliceAuditorAsync(app);
        var id = fixture.PoliceReturn.Id;
        var template = CaseAudit.Tests.Pages.Moderation.PanelRound.Supervision(app);
        var version = 0;
        foreach (var section in template.Sections)
        {
            var fields = new List<(string, string)> { ("version", $"{version++}") };
            foreach (var q in section.Questions)
            {
                fields.AddRange(q.Answer == CaseAudit.Web.Domain.Templates.AnswerKind.Text
                    ? [(ReturnRules.Field(q.Id, "Text"), "Words")]
                    : [(ReturnRules.Field(q.Id, "Grade"), "Partly"), (ReturnRules.Field(q.Id, "Evidence"), "Notes")]);
            }

            Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, Section(fixture, section.Id), token, [.. fields])).StatusCode);
            if (section == template.Sections[0])
            {
                // The same answers again: nothing changed, so no new version and no entry.
                fields[0] = ("version", $"{version}");
                Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, Section(fixture, section.Id), token, [.. fields])).StatusCode);
                Assert.Single(Entries(app, "return.saved"));
            }
        }

        var overall = await PostAsync(client, $"/returns/{id}/overall", token, ("version", $"{version++}"), ("OverallGrade", "Partly"), ("ChildVoiceSummary", "She said nobody asked."));
        Assert.Equal($"/returns/{id}", overall.Headers.Location!.OriginalString);
        Assert.Equal(template.Sections.Count + 1, Entries(app, "return.saved").Count);
        Assert.Equal(version, Stored(app, id).Version);

        Assert.Equal("/returns", (await PostAsync(client, $"/returns/{id}/check", token, ("version", $"{version}"))).Headers.Location!.OriginalString);

        var submitted = Assert.Single(Entries(app, "return.submitted"));
        Assert.Contains("InProgress", submitted.Before);
        Assert.Contains("Submitted", submitted.After);
        Assert.Contains("\"SU-01\":\"Partly\"", submitted.After);
    }
}
