using System.Text;
using CaseAudit.Web.Domain.Templates;
using CaseAudit.Web.Rounds;

namespace CaseAudit.Tests.Security;

/// Inputs of hostile shape — deep nesting, huge scalars, many keys, many rows — fed to the
/// template reader (which is also the validator behind `templates validate` and the upload
/// page) and to the sample import. Each must end in a clear refusal, not a hang, a crash or
/// a page of a million messages.
public sealed class HostileInputTests
{
    // A hang guard, not a speed target: the work must finish at all. How fast it finishes is
    // measured in the benchmark project.
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(1);

    private static async Task<T> Bounded<T>(Func<T> work) => await Task.Run(work).WaitAsync(Hang);

    // JSON-style quoted keys are the shortest YAML allows, so many fit under the size limit.
    private static string Keys(int count) => "{" + string.Join(",", Enumerable.Range(0, count).Select(i => $"\"{i}\":0")) + "}";

    public static TheoryData<string, string, string> Yaml => new()
    {
        { "100,000-deep flow sequence", "purpose: " + new string('[', 100_000) + new string(']', 100_000), "nested more than 64 levels deep" },
        { "40,000-deep flow mapping", "purpose: " + string.Concat(Enumerable.Repeat("{a: ", 40_000)) + "b" + new string('}', 40_000), "nested more than 64 levels deep" },
        { "a 200,000-character title", "title: " + new string('x', 200_000) + "\n", "the limit is 4,000" },
        { "a file over the size limit", "title: x\n" + new string('#', 300_000), "may be at most 256 KiB" },
        { "25,500 keys in one mapping", "purpose: " + Keys(25_500), "more than 50,000 entries" },
        { "60,000 list items", "sources: [" + string.Join(",", Enumerable.Repeat("1", 60_000)) + "]", "more than 50,000 entries" },
        { "aliases (billion laughs)", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n", "anchor" },
        { "a thousand documents", string.Concat(Enumerable.Repeat("---\ntitle: x\n", 1000)), "document" },
        { "a tab-indented nest of garbage", string.Concat(Enumerable.Range(0, 2000).Select(i => new string('\t', i % 40) + "- :\n")), "" },
    };

    [Theory]
    [MemberData(nameof(Yaml))]
    public async Task A_hostile_template_is_refused_with_a_short_list_of_located_problems(string shape, string yaml, string expected)
    {
        var result = await Bounded(() => TemplateReader.Read($"{shape}.yaml", Encoding.UTF8.GetBytes(yaml)));

        Assert.Null(result.Template);
        Assert.InRange(result.Problems.Count, 1, TemplateReader.MaxProblems + 1);
        Assert.Contains(result.Problems, p => p.Message.Contains(expected, StringComparison.OrdinalIgnoreCase));
        Assert.All(result.Problems, p =>
        {
            Assert.True(p.Line >= 1, p.ToString());
            Assert.True(p.Message.Length < 500, $"{shape}: a problem repeats too much of the file ({p.Message.Length:N0} characters)");
        });
    }

    private const string Header = "Case reference,Age band,Level of intervention,Neglect categories,Agencies involved";

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    public static TheoryData<string, string, string> Samples => new()
    {
        { "one cell of 900,000 characters", Header + "\nNS-01," + new string('x', 900_000) + ",Universal,Emotional,Health\n", "longer than 200 characters" },
        { "100,000 columns", Repeat("a,", 100_000) + "\n" + Repeat("1,", 100_000) + "\n", "the column is missing" },
        { "the same column 30,000 times", Repeat("Case reference,", 30_000) + "\nNS-01\n", "the column appears twice" },
        { "a quote that never closes", Header + "\nNS-01,\"" + new string('x', 500_000), "no closing quote" },
        { "a million line breaks", new string('\n', 1_000_000), SampleImport.NoCases },
        { "20,000 rows", Header + "\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"R{i},5-11,Universal,Emotional,Health\n")), SampleImport.TooManyCases },
        { "a file over 1 MB", Header + "\n" + new string(',', 1_100_000), SampleImport.TooBig },
        { "nul bytes", Header + "\n" + new string('\0', 10_000), SampleImport.WrongType },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task A_hostile_sample_file_is_refused_with_a_short_list_of_problems_and_imports_nothing(string shape, string csv, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);

        var result = await Bounded(() => SampleImport.Read("sample.csv", new MemoryStream(bytes), bytes.Length, ["health"], name => name.Equals("Health", StringComparison.OrdinalIgnoreCase) ? "health" : null));

        Assert.Empty(result.Cases);
        Assert.Contains(result.Problems, p => p.Message.Contains(expected, StringComparison.Ordinal));
        Assert.InRange(result.Problems.Count, 1, SampleImportResult.MaxProblems + 1);
        Assert.All(result.Problems, p => Assert.True(p.ToString().Length < 500, $"{shape}: a problem repeats too much of the file"));
    }
}
