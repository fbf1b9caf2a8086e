using System.Net;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Cases;

public sealed class HistoryTests
{
    [Fact]
    public async Task A_case_reference_is_found_whatever_its_case()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);

        var response = await client.GetAsync($"/cases/{fixture.Case.Reference.ToLowerInvariant()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(fixture.Round.Title, (await response.ReadDocumentAsync()).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_case_whose_round_or_template_version_is_missing_is_not_a_server_error()
    {
        await using var app = new CaseAuditApp();
        var fixture = RoundFixture.Grading(app);
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var lost = new Round { Title = "Template version gone", TemplateId = "supervision", TemplateVersion = "9.9", AgencyIds = [TestUsers.AgencyId], Status = RoundStatus.Grading };
        store.Rounds.Insert(lost);
        store.Cases.Insert(new SampledCase { RoundId = lost.Id, Reference = fixture.Case.Reference, AgencyIds = [TestUsers.AgencyId] });
        store.Cases.Insert(new SampledCase { RoundId = "no-such-round", Reference = fixture.Case.Reference, AgencyIds = [TestUsers.AgencyId] });
        var client = await app.SignedInAsAsync(Roles.Coordinator);

        var response = await client.GetAsync($"/cases/{fixture.Case.Reference}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(fixture.Round.Title, (await response.ReadDocumentAsync()).QuerySelector("main")!.TextContent);
    }
}
