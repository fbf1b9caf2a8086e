using System.Globalization;
using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Tests.Domain.Rounds;

public sealed class CaseFactsTests
{
    [Fact]
    public void Age_bands_are_disjoint_and_cover_every_age_from_0_to_18_youngest_first()
    {
        // The seeds' bands as written ("birth to 2", "2 to 4") both held a two-year-old.
        var bands = CaseFacts.AgeBands.Select(b => b.Split('–')).Select(p => (From: int.Parse(p[0], CultureInfo.InvariantCulture), To: int.Parse(p[1], CultureInfo.InvariantCulture))).ToList();

        Assert.Equal(0, bands[0].From);
        Assert.Equal(18, bands[^1].To);
        Assert.All(bands, b => Assert.True(b.From <= b.To));
        Assert.All(bands.Zip(bands.Skip(1)), pair => Assert.Equal(pair.First.To + 1, pair.Second.From));
        foreach (var age in Enumerable.Range(0, 19))
        {
            Assert.Single(bands, b => b.From <= age && age <= b.To);
        }
    }

    [Theory]
    [InlineData("3-4", "3–4")]
    [InlineData("0-2", "0–2")]
    [InlineData("2-4", null)]
    [InlineData("2–4", null)]
    public void A_typed_band_matches_only_a_current_band(string typed, string? expected)
    {
        Assert.Equal(expected, CaseFacts.Match(CaseFacts.AgeBands, typed));
    }
}
