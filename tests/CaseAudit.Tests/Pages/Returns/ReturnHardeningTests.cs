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
        var token = (await client.GetDocumentAsync($"/returns/{fixture.PoliceReturn.Id}")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        return (client, fixture, token);
    }

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
        var url = $"/returns/{fixture.PoliceReturn.Id}";

        var response = await PostAsync(client, url, token, ("version", "0"), ("action", "draft"),
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

        var response = await PostAsync(client, $"/returns/{fixture.PoliceReturn.Id}", token, ("version", "0"), ("action", "draft"),
            (ReturnRules.Field("SU-15", "Grade"), "Yes"), (ReturnRules.Field("SU-15", "Text"), "A reflection"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("SU-15 is answered in words, not graded", (await response.ReadDocumentAsync()).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(0, Stored(app, fixture.PoliceReturn.Id).Version);
    }

    [Theory]
    [InlineData("check", null)]
    [InlineData("draft", null)]
    [InlineData("check", "Answers[SU-01]")]
    [InlineData("draft", "Answers[SU-01]")]
    public async Task A_save_with_no_answer_fields_or_a_bare_answer_key_is_not_a_server_error(string action, string? bare)
    {
        await using var app = new CaseAuditApp();
        var (client, fixture, token) = await PoliceAuditorAsync(app);
        (string, string)[] fields = bare is null ? [("version", "0"), ("action", action)] : [("version", "0"), ("action", action), (bare, "")];

        var response = await PostAsync(client, $"/returns/{fixture.PoliceReturn.Id}", token, fields);

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}");
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
    public async Task Submitting_records_the_status_and_grades_and_an_unchanged_continue_writes_no_entry()
    {
        await using var app = new CaseAuditApp();
        var (client, fixture, token) = await PoliceAuditorAsync(app);
        var url = $"/returns/{fixture.PoliceReturn.Id}";
        var fields = new List<(string, string)> { ("OverallGrade", "Partly"), ("ChildVoiceSummary", "She said nobody asked.") };
        var template = CaseAudit.Tests.Pages.Moderation.PanelRound.Supervision(app);
        foreach (var q in template.Questions)
        {
            fields.AddRange(q.Answer == CaseAudit.Web.Domain.Templates.AnswerKind.Text
                ? [(ReturnRules.Field(q.Id, "Text"), "Words")]
                : [(ReturnRules.Field(q.Id, "Grade"), "Partly"), (ReturnRules.Field(q.Id, "Evidence"), "Notes")]);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, url, token, [("version", "0"), ("action", "draft"), .. fields])).StatusCode);
        var toCheck = await PostAsync(client, url, token, [("version", "1"), ("action", "check"), .. fields]);
        Assert.Equal($"{url}/check", toCheck.Headers.Location!.OriginalString);
        Assert.Single(Entries(app, "return.saved"));
        Assert.Equal(1, Stored(app, fixture.PoliceReturn.Id).Version);

        Assert.Equal("/returns", (await PostAsync(client, $"{url}/check", token, ("version", "1"))).Headers.Location!.OriginalString);

        var submitted = Assert.Single(Entries(app, "return.submitted"));
        Assert.Contains("InProgress", submitted.Before);
        Assert.Contains("Submitted", submitted.After);
        Assert.Contains("\"SU-01\":\"Partly\"", submitted.After);
    }
}
