using AngleSharp.Dom;
using CaseAudit.Tests.Pages.Moderation;
using CaseAudit.Web.Identity;

namespace CaseAudit.Tests.Pages.Rounds;

public sealed class FindingsAgreementTests
{
    [Fact]
    public async Task Kappa_says_not_enough_grades_to_measure_with_n_and_exact_agreement_is_still_shown()
    {
        await using var app = new CaseAuditApp();
        var fixture = await PartlyModeratedRound.CreateAsync(app);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}/findings");

        // The panel agreed "Partly" on all 14 questions: kappa for each agency is undefined, not 0.
        var byAgency = Rows(page, "#agreement");
        var police = byAgency.Single(r => r[0] == "Northshire police");
        Assert.Equal(["Northshire police", "14", "86%", "Not enough grades to measure (14 pairs; every agreed grade was the same)"], police);
        Assert.DoesNotContain(byAgency, r => r[3].Contains("0.00"));
        // Each question has one pair per agency: 2 pairs, too few.
        var su01 = Rows(page, "#agreement-by-question").Single(r => r[0] == "SU-01");
        Assert.Equal(["SU-01", "2", "0%", "Not enough grades to measure (2 pairs)"], su01);
        Assert.Matches(@"^Overall: \d+% exact agreement over 28 grades; weighted kappa: not enough grades to measure \(28 pairs; every agreed grade was the same\)\.$",
            page.QuerySelector("#agreement-overall")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_panel_s_agreed_grades_have_their_own_labelled_table_not_a_row_among_the_agencies()
    {
        await using var app = new CaseAuditApp();
        var fixture = await PartlyModeratedRound.CreateAsync(app);
        var coordinator = await app.SignedInAsAsync(Roles.Coordinator);

        var page = await coordinator.GetDocumentAsync($"/rounds/{fixture.Round.Id}/findings");

        // The unmoderated second case keeps police's own grades; the moderated one counts the panel's.
        Assert.Equal(["Northshire police"], page.QuerySelectorAll("#by-agency tbody th").Select(th => th.TextContent.Trim()));
        var panel = Assert.Single(Rows(page, "#by-panel"));
        Assert.Equal("Panel's agreed grade", panel[0]);
        Assert.Equal("14", panel[5]); // Yes, Partly, No, N/A, then n: 14 agreed grades
        Assert.Contains("not an agency", page.QuerySelector("#by-panel caption")!.TextContent);
    }

    private static List<List<string>> Rows(AngleSharp.Html.Dom.IHtmlDocument page, string table) =>
        page.QuerySelectorAll($"{table} tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList()).ToList();
}
