using CaseAudit.Web.Data;
using CaseAudit.Web.Demo;
using CaseAudit.Web.Rounds;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Rounds;

public sealed class FrozenTrendTests
{
    [Fact]
    public async Task The_trend_compares_with_the_previous_rounds_findings_as_frozen_at_publication()
    {
        await using var app = DemoApps.New();
        await app.SignInAsDemoAsync("demo.coordinator");
        var store = app.Services.GetRequiredService<CaseAuditStore>();
        var reader = app.Services.GetRequiredService<RoundFindingsReader>();
        var published = store.Rounds.FindById(DemoRounds.PublishedRoundId);
        reader.Freeze(published, DateTime.UtcNow);
        var frozen = reader.Read(published).Findings.Overall.Distribution;
        Assert.True(frozen.N > 0);

        // Changing the published round's returns afterwards must not move the comparison.
        store.Returns.DeleteMany(r => r.RoundId == DemoRounds.PublishedRoundId);

        var trend = reader.Read(store.Rounds.FindById(DemoRounds.GradingRoundId)).Trend!;
        Assert.Equal(frozen.N, trend.Overall.PreviousN);
        Assert.Equal(frozen.GoodOrBetterRate, trend.Overall.PreviousRate);
    }
}
