using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Returns;
using CaseAudit.Web.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Rounds;

public sealed class ReturnDeskTests
{
    private static readonly Actor By = new(null, "pat.police");

    private static (ReturnDesk Desk, CaseAudit.Web.Domain.Templates.AuditTemplate Template, CaseAuditStore Store) Parts(CaseAuditApp app)
    {
        var templates = app.Services.GetRequiredService<TemplateLibrary>();
        return (app.Services.GetRequiredService<ReturnDesk>(), templates.Parse(templates.Find("supervision", "1.0")!), app.Services.GetRequiredService<CaseAuditStore>());
    }

    [Fact]
    public async Task A_section_save_merges_by_question_id_and_never_clears_another_section()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var (desk, template, store) = Parts(app);
        var id = fixture.PoliceReturn.Id;
        Assert.Equal(SaveResult.Saved, (await desk.SaveSectionAsync(template, id, 0, template.Sections[1], new Dictionary<string, Answer> { ["SU-05"] = new() { Grade = "No", Evidence = "Drift for months" } }, By)).Result);
        Assert.Equal(SaveResult.Saved, (await desk.SaveOverallAsync(template, id, 1, "No", "She said nobody listened.", By)).Result);

        var outcome = await desk.SaveSectionAsync(template, id, 2, template.Sections[0], new Dictionary<string, Answer> { ["SU-01"] = new() { Grade = "Yes" } }, By);

        Assert.Equal(SaveResult.Saved, outcome.Result);
        var stored = store.Returns.FindById(id);
        Assert.Equal(3, stored.Version);
        Assert.Equal("Yes", stored.Answers["SU-01"].Grade);
        Assert.Equal("Drift for months", stored.Answers["SU-05"].Evidence);
        Assert.Equal("No", stored.OverallGrade);
        Assert.Equal("She said nobody listened.", stored.ChildVoiceSummary);

        // The overall part leaves every answer alone too.
        Assert.Equal(SaveResult.Saved, (await desk.SaveOverallAsync(template, id, 3, "Yes", "Heard", By)).Result);
        Assert.Equal(["SU-01", "SU-05"], store.Returns.FindById(id).Answers.Keys.Order());
    }

    [Fact]
    public async Task Submit_is_refused_inside_the_desk_while_a_required_answer_is_missing()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var (desk, template, store) = Parts(app);

        var outcome = await desk.SubmitAsync(template, fixture.PoliceReturn.Id, 0, By);

        Assert.Equal(SaveResult.Refused, outcome.Result);
        Assert.Contains(outcome.Problems, p => p.Field == "OverallGrade");
        Assert.Equal(ReturnStatus.NotStarted, store.Returns.FindById(fixture.PoliceReturn.Id).Status);
        Assert.DoesNotContain(store.AuditEntries.FindAll(), e => e.Type == "return.submitted");
    }
}
