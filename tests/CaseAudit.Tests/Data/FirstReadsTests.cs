using CaseAudit.Web.Data;
using CaseAudit.Web.Domain.Rounds;

namespace CaseAudit.Tests.Data;

/// Found by the crash test: just after a start, the first requests arrive together, and LiteDB
/// builds its map of a type lazily, publishing it before it is complete. A request that saw the
/// half-built map failed to read a round's status history ("does not have a default
/// constructor"), and every later read of it failed too, until a restart.
public sealed class FirstReadsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Many_first_reads_at_once_of_a_freshly_opened_file_all_succeed()
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "caseaudit.db");
        var round = new Round
        {
            Title = "History", TemplateId = "supervision", TemplateVersion = "1.0", Status = RoundStatus.Grading,
            History = [new StatusChange(RoundStatus.Draft, RoundStatus.Grading, DateTime.UtcNow, "someone", null)],
            Draw = new SampleDraw { Seed = 1, SampleSize = 2, PoolSize = 3 },
        };
        using (var store = new CaseAuditStore(file))
        {
            store.Rounds.Insert(round);
            store.Returns.Insert(new AgencyReturn { Id = "r1", RoundId = round.Id, Answers = new() { ["Q1"] = new Answer { Grade = "Yes", Evidence = "seen" } } });
        }

        for (var trial = 0; trial < 20; trial++)
        {
            using var store = new CaseAuditStore(file);
            using var start = new Barrier(8);
            var reads = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            {
                start.SignalAndWait();
                return i % 2 == 0 ? store.Rounds.FindById(round.Id).History.Count : store.Returns.FindById("r1").Answers.Count;
            }));

            Assert.All(await Task.WhenAll(reads), n => Assert.Equal(1, n));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
