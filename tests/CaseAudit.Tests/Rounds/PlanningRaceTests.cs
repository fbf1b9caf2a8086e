using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;
using CaseAudit.Web.Identity;
using CaseAudit.Web.Rounds;
using Microsoft.Extensions.DependencyInjection;

namespace CaseAudit.Tests.Rounds;

/// Races a busy partnership's concurrent clicks found in the planning steps (issue 11): each
/// is run several times, because a race that loses only sometimes still loses.
public sealed class PlanningRaceTests
{
    private const int Trials = 5;
    private static readonly Actor By = new(null, "Chris Coordinator");

    private static List<SampledCase> Cases(int count, string prefix = "NS") =>
        Enumerable.Range(1, count).Select(i => new SampledCase
        {
            Reference = $"{prefix}-{i:0000}", AgeBand = "5–11", Level = "Child in need", Categories = ["Emotional"], AgencyIds = [TestUsers.AgencyId],
        }).ToList();

    private static async Task<List<string?>> Together(int clients, Func<int, Task<string?>> click)
    {
        using var start = new Barrier(clients);
        return [.. await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await click(i);
        })))];
    }

    [Fact]
    public async Task Four_concurrent_draws_from_one_page_view_store_the_sample_once()
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            await using var app = new CaseAuditApp();
            var round = RoundFixture.Draft(app);
            var planner = app.Services.GetRequiredService<RoundPlanner>();

            var results = await Together(4, _ => planner.RecordDrawAsync(round.Id, 0, new SampleDraw { Seed = 7, SampleSize = 10, PoolSize = 30 }, Cases(10), By));

            var store = app.Services.GetRequiredService<CaseAuditStore>();
            Assert.Single(results, r => r is null);
            Assert.All(results.Where(r => r is not null), r => Assert.Contains("sample changed while you were drawing", r));
            Assert.Equal(10, store.Cases.Count(c => c.RoundId == round.Id));
            Assert.Equal(1, store.AuditEntries.Count(e => e.Type == "sample.drawn"));
        }
    }

    [Fact]
    public async Task Four_concurrent_imports_of_one_file_store_it_once_with_no_duplicate_references()
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            await using var app = new CaseAuditApp();
            var round = RoundFixture.Draft(app);
            var planner = app.Services.GetRequiredService<RoundPlanner>();

            var results = await Together(4, _ => planner.AddCasesAsync(round.Id, Cases(300), By, "imported from sample.csv"));

            var stored = app.Services.GetRequiredService<CaseAuditStore>().Cases.Find(c => c.RoundId == round.Id).ToList();
            Assert.Single(results, r => r is null);
            Assert.Equal(300, stored.Count);
            Assert.Equal(300, stored.Select(c => c.Reference).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
    }

    [Fact]
    public async Task Imports_together_never_pass_the_case_maximum()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var planner = app.Services.GetRequiredService<RoundPlanner>();

        var results = await Together(3, i => planner.AddCasesAsync(round.Id, Cases(200, $"F{i}"), By, $"imported from file {i}"));

        Assert.Equal(2, results.Count(r => r is null));
        Assert.Contains($"at most {SampleImport.MaxCases} cases", Assert.Single(results, r => r is not null));
        Assert.Equal(400, app.Services.GetRequiredService<CaseAuditStore>().Cases.Count(c => c.RoundId == round.Id));
    }

    [Fact]
    public async Task An_import_racing_start_grading_either_gets_returns_for_every_case_or_is_refused()
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            await using var app = new CaseAuditApp();
            var round = RoundFixture.Draft(app);
            var planner = app.Services.GetRequiredService<RoundPlanner>();
            Assert.Null(await planner.AddCasesAsync(round.Id, Cases(1, "FIRST"), By, "added by hand"));
            var version = app.Services.GetRequiredService<CaseAuditStore>().Rounds.FindById(round.Id)!.Version;

            var results = await Together(2, i => i == 0
                ? planner.AddCasesAsync(round.Id, Cases(400), By, "imported from sample.csv")
                : planner.MoveAsync(round.Id, version, RoundStatus.Grading, null, By));

            var store = app.Services.GetRequiredService<CaseAuditStore>();
            Assert.Null(results[1]);
            Assert.Equal(RoundStatus.Grading, store.Rounds.FindById(round.Id)!.Status);
            var cases = store.Cases.Find(c => c.RoundId == round.Id).ToList();
            Assert.True(cases.Count is 1 or 401, $"{cases.Count} cases");
            Assert.Equal(cases.Count, store.Returns.Count(r => r.RoundId == round.Id));
            if (results[0] is { } refused)
            {
                Assert.Contains("moved on from planning", refused);
            }
        }
    }

    [Fact]
    public async Task A_draw_keeps_a_panel_change_made_while_the_draw_page_was_open()
    {
        await using var app = new CaseAuditApp();
        var round = RoundFixture.Draft(app);
        var planner = app.Services.GetRequiredService<RoundPlanner>();
        var auditor = await app.CreateUserAsync("pat.panel", [Roles.Auditor]);
        Assert.Null(await planner.SetPanelAsync(round.Id, round.Version, [auditor.Id], By));

        Assert.Null(await planner.RecordDrawAsync(round.Id, 0, new SampleDraw { Seed = 3, SampleSize = 5, PoolSize = 20 }, Cases(5), By));

        var stored = app.Services.GetRequiredService<CaseAuditStore>().Rounds.FindById(round.Id)!;
        Assert.Equal([auditor.Id], stored.PanelUserIds);
        Assert.Equal(3, stored.Draw!.Seed);
    }
}
