using CaseAudit.Tests.Audit;
using CaseAudit.Web.Data;

namespace CaseAudit.Tests.Data;

/// The one writer: commands that arrive together share a transaction, each caller hears back
/// only once that transaction is committed, and one command's refusal or failure is its own.
public sealed class WriterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static StoredTemplateVersion Version(string id) => new() { Id = id, TemplateId = id, Version = "1.0" };

    // Holds the writer inside its first command until released, so what is queued meanwhile
    // is known to be waiting for the same batch.
    private static (Task First, ManualResetEventSlim Release) HoldTheWriter(TempTrail t)
    {
        var started = new ManualResetEventSlim();
        var release = new ManualResetEventSlim();
        var first = t.Writer.WriteAsync(change =>
        {
            t.Store.TemplateVersions.Insert(Version("first"));
            change.Audit(TempTrail.Event(0));
            started.Set();
            release.Wait(Patience);
        });
        Assert.True(started.Wait(Patience));
        return (first, release);
    }

    [Fact]
    public async Task Commands_queued_while_a_batch_runs_share_its_one_commit()
    {
        using var t = new TempTrail();
        var (first, release) = HoldTheWriter(t);
        var batchesBefore = t.Writer.Batches;

        var saves = Enumerable.Range(1, 10).Select(i => t.Writer.WriteAsync(change =>
        {
            t.Store.TemplateVersions.Insert(Version($"v{i}"));
            change.Audit(TempTrail.Event(i));
            return i;
        })).ToList();
        release.Set();
        await first;

        Assert.Equal(Enumerable.Range(1, 10), await Task.WhenAll(saves));
        Assert.Equal(batchesBefore + 1, t.Writer.Batches);
        Assert.Equal(11, t.Store.TemplateVersions.Count());
        var entries = t.Trail.All().ToList();
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), entries.Select(e => e.Seq));
        Assert.Single(entries.Select(e => e.At).Distinct());
        Assert.True(t.Trail.VerifyAll().Ok);
    }

    [Fact]
    public async Task No_one_hears_back_before_the_batch_is_committed_and_no_reader_sees_it_before()
    {
        using var t = new TempTrail();
        var (first, release) = HoldTheWriter(t);
        var second = t.Writer.WriteAsync(change => t.Store.TemplateVersions.Insert(Version("second")));

        // Read from another thread while the writer still holds the transaction open.
        var seenMeanwhile = await Task.Run(() => t.Store.TemplateVersions.FindById("first"));
        await Task.Delay(100);

        Assert.Null(seenMeanwhile);
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
        release.Set();
        await Task.WhenAll(first, second);
        Assert.NotNull(t.Store.TemplateVersions.FindById("first"));
        Assert.NotNull(t.Store.TemplateVersions.FindById("second"));
    }

    [Fact]
    public async Task A_refusal_in_a_batch_writes_nothing_and_does_not_fail_the_others()
    {
        using var t = new TempTrail();
        var (first, release) = HoldTheWriter(t);

        var kept = t.Writer.WriteAsync<string?>(change =>
        {
            t.Store.TemplateVersions.Insert(Version("kept"));
            change.Audit(TempTrail.Event(1));
            return null;
        });
        // Sees the earlier command's write inside the same transaction, and refuses because of it.
        var refused = t.Writer.WriteAsync<string?>(_ => t.Store.TemplateVersions.FindById("kept") is not null ? "kept is already there" : null);
        release.Set();
        await first;

        Assert.Null(await kept);
        Assert.Equal("kept is already there", await refused);
        Assert.NotNull(t.Store.TemplateVersions.FindById("kept"));
        Assert.Equal(2, t.Trail.Latest()!.Seq);
    }

    [Fact]
    public async Task A_command_that_fails_part_way_loses_only_its_own_writes()
    {
        using var t = new TempTrail();
        var (first, release) = HoldTheWriter(t);

        var before = t.Writer.WriteAsync(change =>
        {
            t.Store.TemplateVersions.Insert(Version("before"));
            change.Audit(TempTrail.Event(1));
        });
        var failing = t.Writer.WriteAsync(change =>
        {
            t.Store.TemplateVersions.Insert(Version("half"));
            change.Audit(TempTrail.Event(2));
            throw new InvalidOperationException("the disk said no");
        });
        var after = t.Writer.WriteAsync(change =>
        {
            t.Store.TemplateVersions.Insert(Version("after"));
            change.Audit(TempTrail.Event(3));
        });
        release.Set();

        await Task.WhenAll(first, before, after);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("the disk said no", error.Message);
        Assert.Equal(["after", "before", "first"], t.Store.TemplateVersions.FindAll().Select(v => v.Id).Order());
        Assert.Equal([0, 1, 3], t.Trail.All().Select(e => int.Parse(e.Summary.Split(' ')[^1])));
        Assert.True(t.Trail.VerifyAll().Ok);
    }

    [Fact]
    public async Task Commands_still_queued_when_the_writer_is_disposed_are_written()
    {
        var t = new TempTrail();
        var (first, release) = HoldTheWriter(t);
        var queued = t.Writer.WriteAsync(change => change.Audit(TempTrail.Event(1)));

        var disposing = Task.Run(t.Writer.Dispose);
        release.Set();
        await Task.WhenAll(first, queued, disposing);

        Assert.Throws<ObjectDisposedException>(() => t.Trail.Append(TempTrail.Event(2)));
        Assert.Equal(2, t.Trail.Latest()!.Seq);
        t.Dispose();
    }
}
