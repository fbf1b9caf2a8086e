using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Rounds;

public sealed class LearningPageTests
{
    [Fact]
    public async Task The_coordinator_records_strengths_and_areas_for_development_linked_to_their_evidence()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);
        var url = $"/rounds/{fixture.Round.Id}/learning";
        var form = (await coordinator.GetDocumentAsync(url)).QuerySelectorAll<IHtmlFormElement>("main form").Last();

        var missing = await (await coordinator.SubmitAsync(form, new Dictionary<string, string> { ["Input.Text"] = "Supervision rarely tested the plan." })).ReadDocumentAsync();
        Assert.Equal(["#Input_Kind", "#Input_QuestionIds"], missing.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Supervision rarely tested the plan.", missing.QuerySelector<IHtmlTextAreaElement>("#Input_Text")!.Value);

        var added = await coordinator.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Kind"] = "AreaForDevelopment", ["Input.Text"] = "Supervision rarely tested the plan.", ["Input.QuestionIds"] = "SU-03", ["Input.CaseIds"] = fixture.Case.Id,
        });

        Assert.Equal(url, added.Headers.Location!.OriginalString);
        var point = Assert.Single(app.Services.GetRequiredService<CaseAuditStore>().LearningPoints.FindAll());
        Assert.Equal((LearningKind.AreaForDevelopment, "SU-03", fixture.Case.Id), (point.Kind, point.QuestionIds.Single(), point.CaseIds.Single()));
        var page = await coordinator.GetDocumentAsync(url);
        Assert.Contains("Supervision rarely tested the plan.", page.QuerySelector("#learning-AreaForDevelopment")!.TextContent);
        Assert.Contains("NS-2026-001", page.QuerySelector("#learning-AreaForDevelopment")!.TextContent);
        Assert.Single(app.Services.GetRequiredService<AuditTrail>().Find(new AuditQuery { Type = "learning.added" }));
    }

    // Found in the Coordinator's browser journey: two points gave two buttons both named
    // "Remove this learning point", so a screen reader user could not tell which one goes.
    [Fact]
    public async Task Each_remove_button_names_the_learning_point_it_removes()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);
        var url = $"/rounds/{fixture.Round.Id}/learning";
        foreach (var (kind, text) in new[] { ("Strength", "Chronologies were kept up to date."), ("AreaForDevelopment", "Supervision rarely tested the plan.") })
        {
            var form = (await coordinator.GetDocumentAsync(url)).QuerySelectorAll<IHtmlFormElement>("main form").Last();
            await coordinator.SubmitAsync(form, new Dictionary<string, string> { ["Input.Kind"] = kind, ["Input.Text"] = text, ["Input.QuestionIds"] = "SU-03" });
        }

        var names = (await coordinator.GetDocumentAsync(url)).QuerySelectorAll("form[action*='handler=remove'] button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Equal(["Remove strength: Chronologies were kept up to date.", "Remove area for development: Supervision rarely tested the plan."], names);
    }
}
