using CaseAudit.Web.Domain;

namespace CaseAudit.Tests.Audit;

public sealed class AuditChainTests
{
    private sealed record Entry(long Seq, DateTime At, string? ActorId, string ActorName, string? ActorAgencyId, string Type,
        string? Subject, string Summary, string? Before, string? After, string? IpAddress, string PreviousHash, string Hash) : IAuditRecord;

    private static readonly DateTime When = new(2026, 5, 1, 9, 0, 0, 123, DateTimeKind.Utc);

    private static Entry Make(long seq = 1, string previous = "", string? actorId = "u1", string name = "Alice", string summary = "Did a thing")
    {
        var e = new Entry(seq, When, actorId, name, null, "user.updated", "user:u1", summary, null, null, null,
            previous.Length == 0 ? AuditChain.GenesisHash : previous, "");
        return e with { Hash = AuditChain.ComputeHash(e) };
    }

    private static List<Entry> Chain(int count)
    {
        var list = new List<Entry>();
        for (var i = 1; i <= count; i++)
        {
            list.Add(Make(i, i == 1 ? "" : list[^1].Hash, summary: $"step {i}"));
        }

        return list;
    }

    [Fact]
    public void The_hash_depends_on_how_text_is_split_between_fields()
    {
        Assert.NotEqual(Make(name: "ab", summary: "c").Hash, Make(name: "a", summary: "bc").Hash);
        Assert.NotEqual(Make(actorId: null).Hash, Make(actorId: "").Hash);
        Assert.NotEqual(Make(actorId: "~").Hash, Make(actorId: null).Hash);
    }

    [Fact]
    public void The_hash_is_the_same_for_the_same_instant_in_local_or_utc_time()
    {
        var utc = Make();
        var local = utc with { At = utc.At.ToLocalTime() };

        Assert.Equal(utc.Hash, AuditChain.ComputeHash(local));
        Assert.NotEqual(utc.Hash, AuditChain.ComputeHash(utc with { At = utc.At.AddMilliseconds(1) }));
    }

    [Fact]
    public void An_empty_trail_verifies_with_nothing_checked()
    {
        var result = AuditChain.Verify([]);

        Assert.True(result.Ok);
        Assert.Equal(0, result.EntriesChecked);
    }

    [Fact]
    public void A_first_entry_that_does_not_start_from_zeros_is_broken()
    {
        var first = Make(previous: new string('1', 64));

        var result = AuditChain.Verify([first]);

        Assert.Equal(1, result.FirstBrokenSeq);
        Assert.Contains("64 zeros", result.Reason);
    }

    [Fact]
    public void A_chain_with_its_first_entries_removed_is_broken()
    {
        var result = AuditChain.Verify(Chain(5).Skip(2));

        Assert.Equal(1, result.FirstBrokenSeq);
        Assert.Equal("entries 1 to 2 are missing (sequence starts at 3)", result.Reason);
    }

    [Fact]
    public void A_repeated_entry_is_broken()
    {
        var chain = Chain(3);

        var result = AuditChain.Verify([chain[0], chain[1], chain[1], chain[2]]);

        Assert.Equal(2, result.FirstBrokenSeq);
        Assert.Equal(2, result.EntriesChecked);
    }
}
