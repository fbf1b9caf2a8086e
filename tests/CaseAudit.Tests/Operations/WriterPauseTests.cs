using CaseAudit.Web.Data;
using CaseAudit.Web.Domain;

namespace CaseAudit.Tests.Operations;

/// Writer.PauseAsync, which a backup copies the file inside: it runs between commits, in queue order.
public sealed class WriterPauseTests
{
    [Fact]
    public async Task A_pause_queued_behind_a_gathering_batch_runs_after_that_batch_commits_and_before_anything_queued_after_it()
    {
        var file = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N"), "caseaudit.db");
        using var store = new CaseAuditStore(file);
        using var writer = new Writer(store, TimeProvider.System);
        using var gate = new ManualResetEventSlim();
        Task Add(string id) => writer.WriteAsync(change => change.Store.Agencies.Insert(new Agency { Id = id, Name = id, ShortName = id }));

        // The writer is held inside a batch while the rest queue behind it.
        var held = writer.WriteAsync(change =>
        {
            gate.Wait();
            change.Store.Agencies.Insert(new Agency { Id = "first", Name = "first", ShortName = "first" });
        });
        var joins = Add("joins-the-batch");
        var pause = writer.PauseAsync(s => s.Agencies.FindAll().Select(a => a.Id).Order(StringComparer.Ordinal).ToList());
        var later = Add("after-the-pause");
        gate.Set();

        var seen = await pause;
        await Task.WhenAll(held, joins, later);

        Assert.Equal(["first", "joins-the-batch"], seen);
        Assert.Equal(3, store.Agencies.Count());
    }

    [Fact]
    public async Task A_pause_that_throws_tells_its_caller_and_the_writer_goes_on()
    {
        var file = Path.Combine(Path.GetTempPath(), "caseaudit-tests", Guid.NewGuid().ToString("N"), "caseaudit.db");
        using var store = new CaseAuditStore(file);
        using var writer = new Writer(store, TimeProvider.System);

        await Assert.ThrowsAsync<IOException>(() => writer.PauseAsync<bool>(_ => throw new IOException("disk full")));

        Assert.True(await writer.IsHealthyAsync());
    }
}
