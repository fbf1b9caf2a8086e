using AngleSharp.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Rounds;

public sealed class CaseHistoryTests
{
    [Fact]
    public async Task A_case_audited_in_two_rounds_shows_its_grades_round_by_round()
    {
        await using var app = new CaseAuditApp();
        var current = RoundFixture.Grading(app);
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var earlier = new Round
        {
            Title = "Supervision: last year", TemplateId = "supervision", TemplateVersion = "1.0", Status = RoundStatus.Published,
            PeriodFrom = new DateOnly(2025, 1, 1), PeriodTo = new DateOnly(2025, 6, 30), GradingDeadline = new DateOnly(2025, 9, 1),
            AgencyIds = [TestUsers.AgencyId],
        };
        var sameChild = new SampledCase { RoundId = earlier.Id, Reference = current.Case.Reference, AgeBand = "5–11", Level = "Child in need", Categories = ["Emotional"], AgencyIds = [TestUsers.AgencyId] };
        store.Rounds.Insert(earlier);
        store.Cases.Insert(sameChild);
        store.Returns.Insert(new AgencyReturn
        {
            Id = AgencyReturn.KeyOf(sameChild.Id, TestUsers.AgencyId), RoundId = earlier.Id, CaseId = sameChild.Id, AgencyId = TestUsers.AgencyId,
            Status = ReturnStatus.Submitted, Answers = new() { ["SU-01"] = new Answer { Grade = "No", Evidence = "No supervision recorded." } },
        });
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await coordinator.GetDocumentAsync($"/cases/{current.Case.Reference}");

        var headers = page.QuerySelectorAll("#history thead th").Skip(1).Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(["Supervision: last year", "Supervision: test round"], headers);
        var su01 = page.QuerySelectorAll("#history tbody tr").First(r => r.QuerySelector("th")!.TextContent.Contains("SU-01"));
        Assert.Equal(["police: No", "–"], su01.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await coordinator.GetAsync("/cases/NO-SUCH-1")).StatusCode);
    }
}
