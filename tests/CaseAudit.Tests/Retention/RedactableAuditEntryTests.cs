using CaseAudit.Web.Data;
using CaseAudit.Web.Domain;

namespace CaseAudit.Tests.Retention;

/// Audit format 2: an entry's hash covers salted digests of its texts, so the texts can be
/// removed (when the round they are about is deleted) and the chain still verifies, while any
/// other change to the entry still breaks it. Format 1 entries keep verifying as they always did.
public sealed class RedactableAuditEntryTests
{
    private static readonly DateTime When = new(2026, 5, 1, 9, 0, 0, 123, DateTimeKind.Utc);

    private static List<AuditEntry> Chain(int count, int format = AuditChain.CurrentFormat)
    {
        var list = new List<AuditEntry>();
        for (var i = 1; i <= count; i++)
        {
            var e = new AuditEvent("return.saved", $"Saved the police return for case NS-2026-00{i}", "u1", "Alice", Subject: $"return:r{i}",
                Before: new { evidence = "old" }, After: new { evidence = $"Seen at home on {i} May, the child said she felt safe" })
                .ToEntry(i, When.AddMinutes(i), i == 1 ? AuditChain.GenesisHash : list[^1].Hash);
            if (format == 1)
            {
                e.Format = 1;
                e.Salt = null;
                e.Hash = AuditChain.ComputeHash(e);
            }

            list.Add(e);
        }

        return list;
    }

    private static AuditEntry Redact(AuditEntry e, long by)
    {
        if (e.Format >= 2)
        {
            e.SummaryDigest = AuditChain.Digest(e.Salt, e.Summary);
            e.BeforeDigest = AuditChain.Digest(e.Salt, e.Before);
            e.AfterDigest = AuditChain.Digest(e.Salt, e.After);
            e.Salt = null;
        }

        e.Summary = AuditRedaction.Placeholder(by);
        e.Before = null;
        e.After = null;
        e.RedactedBy = by;
        return e;
    }

    [Fact]
    public void A_new_entry_is_format_2_with_a_salt_of_its_own()
    {
        var chain = Chain(2);

        Assert.All(chain, e => Assert.Equal(2, e.Format));
        Assert.NotEqual(chain[0].Salt, chain[1].Salt);
        Assert.True(AuditChain.Verify(chain).Ok);
    }

    [Fact]
    public void A_redacted_format_2_entry_still_verifies_and_keeps_none_of_its_text()
    {
        var chain = Chain(3);
        Redact(chain[1], 3);

        var result = AuditChain.Verify(chain);

        Assert.True(result.Ok, result.Reason);
        Assert.Equal(3, result.EntriesChecked);
        Assert.Equal(0, result.RedactedUnchecked);
        Assert.Null(chain[1].Salt);
        Assert.DoesNotContain("NS-2026-002", chain[1].Summary + chain[1].Before + chain[1].After + chain[1].SummaryDigest + chain[1].AfterDigest);
    }

    [Fact]
    public void A_redacted_entry_whose_other_fields_were_changed_breaks_the_chain()
    {
        var chain = Chain(3);
        Redact(chain[1], 3).ActorName = "Mallory";

        Assert.Equal(2, AuditChain.Verify(chain).FirstBrokenSeq);
    }

    [Fact]
    public void Text_put_back_differently_into_a_format_2_entry_breaks_the_chain()
    {
        var chain = Chain(2);
        chain[0].After = chain[0].After!.Replace("felt safe", "felt unsafe");

        Assert.Equal(1, AuditChain.Verify(chain).FirstBrokenSeq);
    }

    [Fact]
    public void A_redaction_claimed_by_an_earlier_entry_is_broken()
    {
        var chain = Chain(3);
        Redact(chain[2], 2);

        var result = AuditChain.Verify(chain);

        Assert.Equal(3, result.FirstBrokenSeq);
        Assert.Contains("names entry 2", result.Reason);
    }

    [Fact]
    public void Format_1_entries_verify_as_before_and_a_redacted_one_is_counted_as_not_checkable()
    {
        var chain = Chain(3, format: 1);
        Assert.True(AuditChain.Verify(chain).Ok);

        Redact(chain[1], 3);
        var result = AuditChain.Verify(chain);

        Assert.True(result.Ok, result.Reason);
        Assert.Equal(1, result.RedactedUnchecked);
        // Its place in the chain is still checked: the next entry carries its hash.
        chain[1].Hash = new string('a', 64);
        Assert.Equal(3, AuditChain.Verify(chain).FirstBrokenSeq);
    }
}

/// A data file written before format 2 holds entries with no Format, Salt or digest fields at
/// all: they read as format 1, verify as before, and the trail goes on in format 2 after them.
public sealed class OlderDataFileTests
{
    [Fact]
    public void A_trail_begun_in_format_1_verifies_and_continues_in_format_2()
    {
        using var t = new CaseAudit.Tests.Audit.TempTrail();
        t.AppendMany(3);
        t.Tamper(c =>
        {
            // Rewrite the three entries as the old app stored them: format 1 hashes, no new fields.
            var previous = AuditChain.GenesisHash;
            foreach (var e in c.FindAll().OrderBy(e => e.Seq).ToList())
            {
                e.Format = 1;
                e.Salt = null;
                e.PreviousHash = previous;
                e.Hash = AuditChain.ComputeHash(e);
                previous = e.Hash;
                c.Update(e);
            }
        });
        using (var raw = new LiteDB.LiteDatabase(t.DataFile))
        {
            var docs = raw.GetCollection("audit_trail");
            foreach (var doc in docs.FindAll().ToList())
            {
                doc.Remove("Format");
                doc.Remove("Salt");
                doc.Remove("SummaryDigest");
                doc.Remove("BeforeDigest");
                doc.Remove("AfterDigest");
                doc.Remove("RedactedBy");
                docs.Update(doc);
            }
        }

        using var store = new CaseAuditStore(t.DataFile);
        using var writer = new Writer(store, TimeProvider.System);
        var trail = new AuditTrail(store, writer);
        Assert.All(trail.All(), e => Assert.Equal(1, e.Format));
        trail.Append(CaseAudit.Tests.Audit.TempTrail.Event(4));

        var result = trail.VerifyAll();

        Assert.True(result.Ok, result.Reason);
        Assert.Equal(4, result.EntriesChecked);
        Assert.Equal([1, 1, 1, 2], trail.All().Select(e => e.Format).ToList());
    }
}
