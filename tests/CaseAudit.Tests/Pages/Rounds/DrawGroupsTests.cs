using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Pages.Rounds;

public sealed class DrawGroupsTests
{
    [Fact]
    public async Task A_draw_by_two_facts_lists_each_fact_s_groups_in_natural_order_with_their_shares()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var client = await app.SignedInAsAsync(Roles.Coordinator);
        // 12 / 6 / 6 / 6 by age band (listed oldest first and by name in the file), levels mixed.
        var bands = new[] { ("12-18", 6), ("5-11", 6), ("3-4", 6), ("0-2", 12) };
        var levels = new[] { "Looked after", "Child protection", "Universal" };
        var rows = bands.SelectMany(b => Enumerable.Range(1, b.Item2).Select(i => (Band: b.Item1, I: i)))
            .Select((c, n) => $"NS-P{n + 1:000},{c.Band},{levels[n % 3]},Emotional,{TestUsers.AgencyId}");
        var pool = Encoding.UTF8.GetBytes("Case reference,Age band,Level of intervention,Neglect categories,Agencies involved\n" + string.Join("\n", rows));
        var draw = await client.GetDocumentAsync($"/rounds/{round.Id}/draw");
        Assert.Contains("Age bands: 0–2, 3–4, 5–11, 12–18", draw.QuerySelector("#StrataBy-hint")!.TextContent);

        var drawn = await client.SubmitAsync(draw.QuerySelector<IHtmlFormElement>("main form")!,
            new Dictionary<string, string> { ["SampleSize"] = "8", ["StrataBy"] = "Age band", ["Seed"] = "77" },
            new Dictionary<string, (string, byte[])> { ["Pool"] = ("pool.csv", pool) });
        Assert.Equal(HttpStatusCode.Redirect, drawn.StatusCode);

        // Asked for both facts through the form's checkboxes for a second round: same pool.
        var both = RoundFixture.Draft(app);
        var form = (await client.GetDocumentAsync($"/rounds/{both.Id}/draw")).QuerySelector<IHtmlFormElement>("main form")!;
        foreach (var box in form.QuerySelectorAll<IHtmlInputElement>("input[name=StrataBy]").Where(b => b.Value is "Age band" or "Level"))
        {
            box.IsChecked = true;
        }

        drawn = await client.SubmitAsync(form, new Dictionary<string, string> { ["SampleSize"] = "8", ["Seed"] = "77" },
            new Dictionary<string, (string, byte[])> { ["Pool"] = ("pool.csv", pool) });
        Assert.Equal(HttpStatusCode.Redirect, drawn.StatusCode);

        var single = await client.GetDocumentAsync($"/rounds/{round.Id}");
        var byBand = Rows(single, "#strata");
        Assert.Equal(["0–2", "3–4", "5–11", "12–18"], byBand.Select(r => r[0]));
        Assert.Equal(["12", "6", "6", "6"], byBand.Select(r => r[1]));
        Assert.Equal(["3.2", "1.6", "1.6", "1.6"], byBand.Select(r => r[2]));
        Assert.Equal("3", byBand[0][3]);
        Assert.Equal([1, 2, 2], byBand.Skip(1).Select(r => int.Parse(r[3])).Order());

        var page = await client.GetDocumentAsync($"/rounds/{both.Id}");
        var ageBand = Rows(page, "#strata-age-band");
        Assert.Equal(["0–2", "3–4", "5–11", "12–18"], ageBand.Select(r => r[0]));
        Assert.Equal("3", ageBand[0][3]);
        Assert.Equal(8, ageBand.Sum(r => int.Parse(r[3])));
        var level = Rows(page, "#strata-level");
        Assert.Equal(["Universal", "Child protection", "Looked after"], level.Select(r => r[0]));
        Assert.All(level, r => Assert.InRange(int.Parse(r[3]), 2, 3)); // each 10 of 30: share 2.67
        var groups = Rows(page, "#strata").Select(r => r[0]).ToList();
        Assert.Equal(12, groups.Count);
        Assert.Equal("0–2 / Universal", groups[0]);
        Assert.Equal("12–18 / Looked after", groups[^1]);
        var stored = app.Services.GetRequiredService<CaseAuditStore>().Rounds.FindById(both.Id).Draw!;
        Assert.Equal([StratifiedSampler.AgeBand, StratifiedSampler.Level], stored.StrataBy);
        Assert.Equal(stored.Groups.Count, ageBand.Count + level.Count);
    }

    private static List<List<string>> Rows(IDocument page, string table) =>
        page.QuerySelectorAll($"{table} tbody tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList()).ToList();
}
