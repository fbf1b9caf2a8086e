using System.Reflection;
using CaseAudit.Web.Data;
using CaseAudit.Web.Domain;

namespace CaseAudit.Tests.Audit;

public sealed class AuditTrailTests
{
    [Fact]
    public void Appended_entries_are_numbered_from_1_and_each_carries_the_previous_entrys_hash()
    {
        using var t = new TempTrail();
        t.AppendMany(5);

        var entries = t.Trail.All().ToList();
        Assert.Equal([1L, 2, 3, 4, 5], entries.Select(e => e.Seq));
        Assert.Equal(new string('0', 64), entries[0].PreviousHash);
        for (var i = 1; i < entries.Count; i++)
        {
            Assert.Equal(entries[i - 1].Hash, entries[i].PreviousHash);
        }

        Assert.All(entries, e => Assert.Matches("^[0-9a-f]{64}$", e.Hash));
        Assert.Equal(5, entries.Select(e => e.Hash).Distinct().Count());
    }

    [Fact]
    public void An_entry_is_stored_with_utc_time_and_camel_case_json()
    {
        using var t = new TempTrail();
        var before = DateTime.UtcNow.AddSeconds(-1);
        t.Trail.Append(new AuditEvent("user.roles-changed", "Roles changed", "u1", "Alice", "a1", "user:u1",
            new { Roles = new[] { "Auditor" } }, new { Roles = new[] { "Auditor", "QaLead" } }, "127.0.0.1"));

        var stored = t.Trail.Latest()!;
        Assert.Equal(1, stored.Seq);
        Assert.Equal(DateTimeKind.Utc, stored.At.Kind);
        Assert.InRange(stored.At, before, DateTime.UtcNow.AddSeconds(1));
        Assert.Equal("""{"roles":["Auditor"]}""", stored.Before);
        Assert.Equal("""{"roles":["Auditor","QaLead"]}""", stored.After);
        Assert.Equal(AuditChain.ComputeHash(stored), stored.Hash);
    }

    [Fact]
    public void Verify_passes_an_intact_chain()
    {
        using var t = new TempTrail();
        t.AppendMany(20);

        var result = t.Trail.VerifyAll();

        Assert.True(result.Ok, result.Reason);
        Assert.Equal(20, result.EntriesChecked);
        Assert.Null(result.FirstBrokenSeq);
    }

    [Fact]
    public void Text_with_surrounding_spaces_and_empty_strings_reads_back_exactly_and_still_verifies()
    {
        // LiteDB's default mapper would trim these and turn "" into null, breaking the hash.
        using var t = new TempTrail();
        t.Trail.Append(new AuditEvent("user.updated", "  padded summary  ", "", " Alice ", Subject: "", IpAddress: "\t"));

        var stored = t.Trail.Latest()!;
        Assert.Equal("  padded summary  ", stored.Summary);
        Assert.Equal(" Alice ", stored.ActorName);
        Assert.Equal("", stored.ActorId);
        Assert.Null(stored.ActorAgencyId);
        Assert.True(t.Trail.VerifyAll().Ok);
    }

    [Fact]
    public void Changing_an_entrys_summary_in_the_data_file_is_reported_at_that_entry()
    {
        using var t = new TempTrail();
        t.AppendMany(10);
        t.Tamper(c =>
        {
            var e = c.FindById(6);
            e.Summary = "Nothing to see here";
            c.Update(e);
        });

        var result = AuditTrail.Verify(t.ReadAll());

        Assert.False(result.Ok);
        Assert.Equal(6, result.FirstBrokenSeq);
        Assert.Equal("entry 6's hash does not match its content", result.Reason);
        Assert.Equal(5, result.EntriesChecked);
    }

    [Fact]
    public void Changing_an_entrys_before_values_is_reported_at_that_entry()
    {
        using var t = new TempTrail();
        t.AppendMany(3);
        t.Tamper(c =>
        {
            var e = c.FindById(2);
            e.Before = """{"role":"admin"}""";
            c.Update(e);
        });

        var result = AuditTrail.Verify(t.ReadAll());

        Assert.Equal(2, result.FirstBrokenSeq);
    }

    [Fact]
    public void Deleting_an_entry_is_reported_as_a_gap_in_the_sequence()
    {
        using var t = new TempTrail();
        t.AppendMany(6);
        t.Tamper(c => Assert.True(c.Delete(4)));

        var result = AuditTrail.Verify(t.ReadAll());

        Assert.False(result.Ok);
        Assert.Equal(4, result.FirstBrokenSeq);
        Assert.Equal("entry 4 is missing (sequence jumps from 3 to 5)", result.Reason);
    }

    [Fact]
    public void Changing_an_entry_and_recomputing_its_own_hash_is_caught_at_the_next_entry()
    {
        using var t = new TempTrail();
        t.AppendMany(5);
        t.Tamper(c =>
        {
            var e = c.FindById(3);
            e.ActorName = "someone else";
            e.Hash = AuditChain.ComputeHash(e);
            c.Update(e);
        });

        var result = AuditTrail.Verify(t.ReadAll());

        Assert.False(result.Ok);
        Assert.Equal(4, result.FirstBrokenSeq);
        Assert.Equal("entry 4 does not carry the hash of entry 3", result.Reason);
    }

    [Fact]
    public void Concurrent_appends_from_8_threads_make_one_gapless_intact_chain()
    {
        using var t = new TempTrail();
        var start = new Barrier(8);
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var threads = Enumerable.Range(0, 8).Select(n => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 50; i++)
            {
                try
                {
                    t.Trail.Append(TempTrail.Event(i, actor: $"user{n}"));
                }
                catch (Exception ex)
                {
                    // Collected rather than thrown: an exception on a raw thread ends the test run.
                    failures.Add(ex);
                }
            }
        })).ToList();
        threads.ForEach(th => th.Start());
        threads.ForEach(th => th.Join());

        Assert.Empty(failures);
        var entries = t.Trail.All().ToList();
        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), entries.Select(e => e.Seq));
        var result = AuditTrail.Verify(entries);
        Assert.True(result.Ok, result.Reason);
        Assert.Equal(400, result.EntriesChecked);
    }

    [Fact]
    public void A_command_is_one_chain_segment_and_a_failing_command_keeps_nothing()
    {
        using var t = new TempTrail();
        t.Writer.Write(change =>
        {
            change.Audit(TempTrail.Event(1));
            change.Audit(TempTrail.Event(2));
            change.Audit(TempTrail.Event(3));
        });

        Assert.Throws<ArgumentException>(() => t.Writer.Write(change =>
        {
            change.Audit(TempTrail.Event(4));
            change.Audit(new AuditEvent("user.updated", "", null, "x"));
        }));
        Assert.Throws<InvalidOperationException>(() => t.Writer.Write(change =>
        {
            t.Store.TemplateVersions.Insert(new StoredTemplateVersion { Id = "x@1.0", TemplateId = "x", Version = "1.0" });
            change.Audit(TempTrail.Event(5));
            throw new InvalidOperationException("the audited change failed");
        }));

        Assert.Equal(3, t.Trail.Count(new AuditQuery()));
        Assert.Equal(3, t.Trail.Latest()!.Seq);
        Assert.Null(t.Store.TemplateVersions.FindById("x@1.0"));
        t.Trail.Append(TempTrail.Event(6));
        Assert.Equal(4, t.Trail.Latest()!.Seq);
        Assert.True(t.Trail.VerifyAll().Ok);
    }

    [Fact]
    public void The_audited_change_and_its_entry_are_kept_together()
    {
        using var t = new TempTrail();
        var versions = t.Store.TemplateVersions;
        t.Writer.Write(change =>
        {
            versions.Insert(new StoredTemplateVersion { Id = "x@1.0", TemplateId = "x", Version = "1.0" });
            change.Audit(TempTrail.Event(1));
        });

        Assert.NotNull(versions.FindById("x@1.0"));
        Assert.Equal(1, t.Trail.Latest()!.Seq);
    }

    [Fact]
    public void Writing_through_the_writer_from_inside_a_command_is_refused()
    {
        // The writer would wait for itself for ever.
        using var t = new TempTrail();
        var ex = Assert.Throws<InvalidOperationException>(() => t.Writer.Write(_ => t.Trail.Append(TempTrail.Event(1))));

        Assert.Contains("Change it was given", ex.Message);
        Assert.Null(t.Trail.Latest());
    }

    [Fact]
    public void The_trail_has_no_public_method_to_update_or_delete_an_entry()
    {
        var rewriting = typeof(AuditTrail)
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Select(m => m.Name)
            .Where(n => n.StartsWith("Update", StringComparison.OrdinalIgnoreCase)
                || n.StartsWith("Delete", StringComparison.OrdinalIgnoreCase)
                || n.StartsWith("Remove", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.Empty(rewriting);
        Assert.Contains(nameof(AuditTrail.Append), typeof(AuditTrail).GetMethods().Select(m => m.Name));
    }

    [Fact]
    public void Find_filters_by_actor_type_and_days_newest_first_with_paging()
    {
        using var t = new TempTrail();
        var clock = new StepClock(new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero));
        using var writer = new Writer(t.Store, clock);
        var trail = new AuditTrail(t.Store, writer);
        trail.Append(TempTrail.Event(1, actor: "Anne Smith", type: "sign-in.succeeded"));   // 1 March
        clock.Now = clock.Now.AddHours(1);
        trail.Append(TempTrail.Event(2, actor: "Bob", type: "sign-in.failed"));             // 2 March 00:30
        trail.Append(TempTrail.Event(3, actor: "joanne", type: "user.created"));
        clock.Now = clock.Now.AddDays(2);
        trail.Append(TempTrail.Event(4, actor: "ANNE smith", type: "sign-in.succeeded"));   // 4 March
        trail.Append(TempTrail.Event(5, actor: "100%_real", type: "signin_x"));

        long[] Seqs(AuditQuery q) => trail.Find(q).Select(e => e.Seq).ToArray();

        Assert.Equal([5L, 4, 3, 2, 1], Seqs(new AuditQuery()));
        Assert.Equal([4L, 3, 1], Seqs(new AuditQuery { Actor = "anne" }));
        Assert.Equal([5L], Seqs(new AuditQuery { Actor = "%_" }));
        Assert.Equal([4L, 2, 1], Seqs(new AuditQuery { Type = "sign-in" }));
        Assert.Equal([5L], Seqs(new AuditQuery { Type = "signin_" }));
        Assert.Equal([3L, 2], Seqs(new AuditQuery { From = new DateOnly(2026, 3, 2), To = new DateOnly(2026, 3, 2) }));
        Assert.Equal([3L, 2, 1], Seqs(new AuditQuery { To = new DateOnly(2026, 3, 2) }));
        Assert.Equal([4L, 1], Seqs(new AuditQuery { Actor = "anne smith", Type = "sign-in." }));
        Assert.Equal([3L, 2], Seqs(new AuditQuery { Skip = 2, Take = 2 }));
        Assert.Equal(3, trail.Count(new AuditQuery { Type = "sign-in" }));
        Assert.Equal(5, trail.Count(new AuditQuery { Skip = 2, Take = 2 }));
    }

    [Fact]
    public void Changed_fields_keeps_only_what_differs()
    {
        var (before, after) = AuditEvent.ChangedFields(
            new { Name = "Alice", Email = "a@x.org", Active = true },
            new { Name = "Alice", Email = "alice@x.org", Active = false });

        Assert.Equal("""{"email":"a@x.org","active":true}""", AuditEvent.ToJson(before));
        Assert.Equal("""{"email":"alice@x.org","active":false}""", AuditEvent.ToJson(after));
        Assert.Equal((null, null), AuditEvent.ChangedFields(new { A = 1 }, new { A = 1 }));
    }

    private sealed class StepClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
