using System.Reflection;
using System.Text.RegularExpressions;
using CaseAudit.Web.Data;

namespace CaseAudit.Tests.Data;

/// Every change goes through the writer: pages call desks, and nothing but the writer opens a
/// LiteDB transaction.
public sealed partial class OneWritePathTests
{
    private static readonly string Source = Path.Combine(CaseAuditApp.RepositoryRoot, "src", "CaseAudit.Web");

    // A write on one of the store's collections: store.Rounds.Update(…), _store.Users.Insert(…).
    [GeneratedRegex(@"\b_?store\.[A-Z]\w*\.(Insert|InsertBulk|Update|Upsert|Delete|DeleteMany)\(")]
    private static partial Regex StoreWrite();

    [Fact]
    public void No_page_writes_to_the_store()
    {
        var pages = Directory.EnumerateFiles(Path.Combine(Source, "Pages"), "*.cs", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(pages);

        var writes = pages.SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => StoreWrite().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(Source, x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.Empty(writes);
    }

    [Fact]
    public void The_check_itself_finds_a_page_style_write()
    {
        Assert.Matches(StoreWrite(), "        store.Concerns.Update(Concern);");
        Assert.Matches(StoreWrite(), "_store.Users.Insert(user)");
        Assert.DoesNotMatch(StoreWrite(), "store.Concerns.FindById(concernId)");
    }

    [Fact]
    public void The_audit_trail_appends_only_entries_that_stand_alone()
    {
        // AuditTrail only appends entries that stand alone (sign-ins, exports, refusals); a
        // change with its entry is a desk's command. Its old "alongside" overloads are gone.
        var appends = typeof(AuditTrail).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name.StartsWith("Append", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(appends);
        Assert.All(appends, m => Assert.Equal([typeof(AuditEvent)], m.GetParameters().Select(p => p.ParameterType)));
    }

    [Fact]
    public void Only_the_writer_opens_a_transaction()
    {
        var transactionMethod = typeof(CaseAuditStore).GetMethod("InTransaction", BindingFlags.NonPublic | BindingFlags.Instance);
        Assert.NotNull(transactionMethod);
        Assert.False(transactionMethod.IsPublic);

        var callers = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && File.ReadAllText(f).Contains(".InTransaction(", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Source, f))
            .ToList();

        Assert.Equal([Path.Combine("Data", "Writer.cs")], callers);
    }
}
