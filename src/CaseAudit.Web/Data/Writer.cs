using System.Collections.Concurrent;
using CaseAudit.Web.Domain;

namespace CaseAudit.Web.Data;

/// What a command sees while it runs: the store, inside the batch's transaction (so it reads
/// what earlier commands of the batch wrote), the time of the batch, and the audit trail to
/// append to. A command checks everything before it writes anything; a refusal is a value it
/// returns, with nothing written. A command may run more than once (when another in its batch
/// fails, the rest run again alone), so it reads what it changes from the store each time and
/// never relies on having changed the caller's objects already.
public sealed class Change
{
    private readonly Writer _writer;

    internal Change(Writer writer, CaseAuditStore store, DateTime now)
    {
        _writer = writer;
        Store = store;
        Now = now;
    }

    public CaseAuditStore Store { get; }

    /// UTC, the same for every command of a batch; audit entries carry it too.
    public DateTime Now { get; }

    public void Audit(AuditEvent e) => _writer.Append(e, Now);
}

/// The one way anything is written to the data file. Commands are queued and run one at a
/// time on the writer's own thread; commands that arrive together share one LiteDB
/// transaction (group commit), and each caller hears back only once its batch is committed.
/// See docs/decisions/0004-one-writer-group-commit.md for what a commit guarantees.
public sealed class Writer : IDisposable
{
    /// A batch closes when the queue is empty or it holds this many commands: large enough to
    /// share a commit among every auditor of a busy partnership, small enough that one batch
    /// never holds much memory or keeps its callers waiting long.
    public const int MaxBatch = 64;

    private readonly CaseAuditStore _store;
    private readonly TimeProvider _clock;
    private readonly BlockingCollection<IQueued> _queue = new();
    private readonly Thread _thread;

    // A pause taken from the queue while a batch was gathering; it runs once that batch is done.
    private IQueued? _heldPause;

    // The chain's end as this batch has written it; read again from the store at each batch.
    private long _seq;
    private string _hash = "";

    public Writer(CaseAuditStore store, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
        _thread = new Thread(Run) { IsBackground = true, Name = "CaseAudit writer" };
        _thread.Start();
    }

    /// How many batches have been committed; a test reads it to see commands share one.
    public long Batches { get; private set; }

    public Task<T> WriteAsync<T>(Func<Change, T> command)
    {
        if (Thread.CurrentThread == _thread)
        {
            // The writer would wait for itself for ever.
            throw new InvalidOperationException("A command cannot write through the writer again; use the Change it was given.");
        }

        var queued = new Queued<T>(command);
        try
        {
            _queue.Add(queued);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(Writer), "CaseAudit is shutting down; nothing more can be saved.");
        }

        return queued.Done.Task;
    }

    /// Runs work on the writer's thread between batches, outside any transaction, so no write
    /// is in flight and none starts until it returns: a backup checkpoints and copies the file
    /// here. Keep it short (every save waits) and do not await inside it.
    public Task<T> PauseAsync<T>(Func<CaseAuditStore, T> work)
    {
        if (Thread.CurrentThread == _thread)
        {
            throw new InvalidOperationException("A command cannot pause the writer it runs on.");
        }

        var paused = new Paused<T>(work);
        try
        {
            _queue.Add(paused);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(Writer), "CaseAudit is shutting down; nothing more can be saved.");
        }

        return paused.Done.Task;
    }

    /// For the few callers that cannot await (start-up, the command line).
    public T Write<T>(Func<Change, T> command) => WriteAsync(command).GetAwaiter().GetResult();

    public void Write(Action<Change> command) => Write(change =>
    {
        command(change);
        return true;
    });

    public Task WriteAsync(Action<Change> command) => WriteAsync(change =>
    {
        command(change);
        return true;
    });

    /// Open, writable and writing: a tiny write through the queue, so a writer that has stopped
    /// shows as unhealthy as well as a file that has gone read-only or a full disk.
    /// Commands queued and not yet taken into a batch.
    public int Waiting => _queue.Count;

    public async Task<bool> IsHealthyAsync()
    {
        try
        {
            return await WriteAsync(change => change.Store.IsHealthy());
        }
        catch (Exception e) when (e is LiteDB.LiteException or IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
    }

    internal void Append(AuditEvent e, DateTime at)
    {
        var entry = e.ToEntry(++_seq, at, _hash);
        _store.AuditEntries.Insert(entry);
        _hash = entry.Hash;
    }

    private void Run()
    {
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            if (first is IPause pause)
            {
                pause.RunPaused(_store);
                continue;
            }

            RunBatch([first]);
            if (_heldPause is IPause held)
            {
                _heldPause = null;
                held.RunPaused(_store);
            }
        }
    }

    private void RunBatch(List<IQueued> batch)
    {
        var results = new List<Action>(MaxBatch);
        IQueued? failed = null;
        void RunOne(IQueued queued, Change change)
        {
            try
            {
                results.Add(queued.Run(change));
            }
            catch
            {
                failed = queued;
                throw;
            }
        }

        try
        {
            _store.InTransaction(() =>
            {
                var change = Begin();
                RunOne(batch[0], change);
                // Whatever arrived while this batch ran joins it, up to the bound.
                while (batch.Count < MaxBatch && _heldPause is null && _queue.TryTake(out var next))
                {
                    if (next is IPause)
                    {
                        // Not part of the batch: it needs no transaction open at all.
                        _heldPause = next;
                        break;
                    }

                    batch.Add(next);
                    RunOne(next, change);
                }
            });
        }
        catch (Exception e)
        {
            // Nothing of the batch was kept. The command that threw hears why; the others run
            // again, each alone, so one command's failure is never another's. (When the commit
            // itself failed, no command is to blame and every one runs again.)
            foreach (var queued in batch)
            {
                if (queued == failed)
                {
                    queued.Fail(e);
                }
                else
                {
                    RunAlone(queued);
                }
            }

            return;
        }

        Batches++;
        foreach (var acknowledge in results)
        {
            acknowledge();
        }
    }

    private void RunAlone(IQueued queued)
    {
        Action? acknowledge = null;
        try
        {
            _store.InTransaction(() => acknowledge = queued.Run(Begin()));
        }
        catch (Exception e)
        {
            queued.Fail(e);
            return;
        }

        Batches++;
        acknowledge!();
    }

    private Change Begin()
    {
        var latest = _store.AuditEntries.Query().OrderByDescending(e => e.Seq).FirstOrDefault();
        _seq = latest?.Seq ?? 0;
        _hash = latest?.Hash ?? AuditChain.GenesisHash;
        return new Change(this, _store, AuditChain.Normalise(_clock.GetUtcNow().UtcDateTime));
    }

    public void Dispose()
    {
        if (_queue.IsAddingCompleted)
        {
            return;
        }

        _queue.CompleteAdding();
        // Commands already queued are still written: their callers are waiting for them.
        _thread.Join();
    }

    private interface IQueued
    {
        /// Runs the command inside the open transaction; returns how to tell its caller once
        /// the transaction is committed.
        Action Run(Change change);

        void Fail(Exception e);
    }

    private interface IPause
    {
        void RunPaused(CaseAuditStore store);
    }

    private sealed class Paused<T>(Func<CaseAuditStore, T> work) : IQueued, IPause
    {
        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void RunPaused(CaseAuditStore store)
        {
            try
            {
                Done.TrySetResult(work(store));
            }
            catch (Exception e)
            {
                Done.TrySetException(e);
            }
        }

        public Action Run(Change change) => throw new InvalidOperationException("A pause never runs inside a batch.");

        public void Fail(Exception e) => Done.TrySetException(e);
    }

    private sealed class Queued<T>(Func<Change, T> command) : IQueued
    {
        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Action Run(Change change)
        {
            var result = command(change);
            return () => Done.TrySetResult(result);
        }

        public void Fail(Exception e) => Done.TrySetException(e);
    }
}
